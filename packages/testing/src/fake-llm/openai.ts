import {
  applyFailure,
  exampleFromSchema,
  type FakeLlmServer,
  type FakeServerOptions,
  fakeTokens,
  type ProviderContext,
  type ResolvedReply,
  sendJson,
  sleep,
  startFakeServer,
  startSse,
  streamPieces,
} from "./server.ts";

type OpenAiMessage = { role: string; content?: unknown; tool_call_id?: string };
type OpenAiBody = {
  model?: string;
  messages?: OpenAiMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  tools?: { type: string; function: { name: string; parameters?: unknown } }[];
  tool_choice?: "none" | "auto" | "required" | { type: "function"; function: { name: string } };
  response_format?: { type: string; json_schema?: { name?: string; schema?: unknown } };
};

export const OPENAI_FAKE_MODELS = ["gpt-4o-mini", "gpt-4o"];

const errorBody = (status: number, message: string) => ({
  error: {
    message,
    type: status === 401 ? "invalid_request_error" : status === 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error",
    param: null,
    code: status === 401 ? "invalid_api_key" : status === 429 ? "rate_limit_exceeded" : null,
  },
});

export function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((p) => (p && typeof p === "object" && typeof p.text === "string" ? p.text : "")).join("");
  }
  return "";
}

/** The deterministic answer: structured output from the schema, else a call of the first tool, else "Echo: <last user text>". */
function defaultReply(body: OpenAiBody): Omit<ResolvedReply, "delayMs" | "chunkDelayMs"> {
  const messages = body.messages ?? [];
  const lastUser = textOf([...messages].reverse().find((m) => m.role === "user")?.content);
  const input = fakeTokens(JSON.stringify(messages));
  const schema = body.response_format?.type === "json_schema" ? body.response_format.json_schema?.schema : undefined;
  if (schema) {
    const text = JSON.stringify(exampleFromSchema(schema, lastUser));
    return { text, toolCalls: [], usage: { input, output: fakeTokens(text) } };
  }
  const tools = body.tools ?? [];
  const last = messages[messages.length - 1];
  if (tools.length > 0 && body.tool_choice !== "none" && last?.role !== "tool") {
    const forced = typeof body.tool_choice === "object" ? body.tool_choice.function.name : undefined;
    const tool = tools.find((t) => t.function.name === forced) ?? tools[0];
    if (tool) {
      const args = exampleFromSchema(tool.function.parameters ?? { type: "object" }, lastUser) as Record<string, unknown>;
      return { text: "", toolCalls: [{ id: "call_0", name: tool.function.name, arguments: args }], usage: { input, output: 10 } };
    }
  }
  const text = `Echo: ${lastUser}`;
  return { text, toolCalls: [], usage: { input, output: fakeTokens(text) } };
}

function authorized(ctx: ProviderContext): boolean {
  const bearer = ctx.req.headers.authorization;
  const azure = ctx.req.headers["api-key"];
  return bearer === `Bearer ${ctx.options.apiKey}` || azure === ctx.options.apiKey;
}

async function handle(ctx: ProviderContext): Promise<void> {
  if (!authorized(ctx)) {
    sendJson(ctx.res, 401, errorBody(401, "Incorrect API key provided: the fake expects its configured key"));
    return;
  }
  if (ctx.req.method === "GET" && ctx.path.endsWith("/models")) {
    sendJson(ctx.res, 200, {
      object: "list",
      data: ctx.options.models.map((id) => ({ id, object: "model", created: 1700000000, owned_by: "loupe-fake" })),
    });
    return;
  }
  // /v1/chat/completions, and Azure's /openai/deployments/<name>/chat/completions?api-version=…
  if (ctx.req.method !== "POST" || !ctx.path.endsWith("/chat/completions")) {
    sendJson(ctx.res, 404, errorBody(404, `Unknown route ${ctx.req.method} ${ctx.path}`));
    return;
  }
  const failure = await applyFailure(ctx, ctx.takeFailure(), errorBody);
  if (failure === "handled") return;
  const body = (ctx.body ?? {}) as OpenAiBody;
  const azureDeployment = ctx.path.match(/\/deployments\/([^/]+)\//)?.[1];
  const model = azureDeployment ? decodeURIComponent(azureDeployment) : body.model;
  if (!model || !Array.isArray(body.messages)) {
    sendJson(ctx.res, 400, errorBody(400, "'model' and 'messages' are required"));
    return;
  }
  if (!ctx.options.models.includes(model)) {
    sendJson(ctx.res, 404, {
      error: {
        message: `The model \`${model}\` does not exist or you do not have access to it.`,
        type: "invalid_request_error",
        param: null,
        code: "model_not_found",
      },
    });
    return;
  }
  const reply = ctx.takeReply(() => defaultReply(body));
  if (reply.delayMs) await sleep(reply.delayMs);
  const id = `chatcmpl-fake-${ctx.url.port}-${Date.now()}`;
  const finish = reply.toolCalls.length > 0 ? "tool_calls" : "stop";
  const usage = {
    prompt_tokens: reply.usage.input,
    completion_tokens: reply.usage.output,
    total_tokens: reply.usage.input + reply.usage.output,
  };
  const toolCalls = reply.toolCalls.map((c) => ({
    id: c.id,
    type: "function",
    function: { name: c.name, arguments: JSON.stringify(c.arguments) },
  }));

  if (!body.stream) {
    if (failure === "malformed") {
      ctx.res.writeHead(200, { "content-type": "application/json" });
      ctx.res.end('{"id": "broken", "choices": [');
      return;
    }
    sendJson(ctx.res, 200, {
      id,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: reply.text || null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) },
          finish_reason: finish,
        },
      ],
      usage,
    });
    return;
  }

  startSse(ctx.res);
  const send = (data: unknown) => ctx.res.write(`data: ${JSON.stringify(data)}\n\n`);
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    id,
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
  send(chunk({ role: "assistant", content: "" }));
  if (failure === "malformed") {
    ctx.res.end("data: {this is not json}\n\n");
    return;
  }
  const pieces = reply.text ? streamPieces(reply.text) : [];
  for (const [i, piece] of pieces.entries()) {
    send(chunk({ content: piece }));
    if (failure === "truncate" && i === 0) {
      await sleep(5);
      ctx.res.socket?.destroy();
      return;
    }
    await sleep(reply.chunkDelayMs);
  }
  for (const [index, call] of toolCalls.entries()) {
    send(chunk({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } }] }));
    const args = call.function.arguments;
    const half = Math.ceil(args.length / 2);
    send(chunk({ tool_calls: [{ index, function: { arguments: args.slice(0, half) } }] }));
    send(chunk({ tool_calls: [{ index, function: { arguments: args.slice(half) } }] }));
  }
  if (failure === "truncate") {
    ctx.res.socket?.destroy();
    return;
  }
  send(chunk({}, finish));
  if (body.stream_options?.include_usage) send({ id, object: "chat.completion.chunk", created: 0, model, choices: [], usage });
  ctx.res.end("data: [DONE]\n\n");
}

/** An OpenAI-compatible server on loopback (`/v1/chat/completions`, `/v1/models`; Azure deployment paths too). */
export function startFakeOpenAI(options: FakeServerOptions = {}): Promise<FakeLlmServer> {
  return startFakeServer(handle, "/v1", { apiKey: options.apiKey ?? "test-key", models: options.models ?? OPENAI_FAKE_MODELS });
}

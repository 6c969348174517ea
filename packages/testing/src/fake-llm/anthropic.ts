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

type Block = { type: string; text?: string };
type AnthropicBody = {
  model?: string;
  max_tokens?: number;
  system?: unknown;
  messages?: { role: string; content: string | Block[] }[];
  stream?: boolean;
  tools?: { name: string; input_schema?: unknown }[];
  tool_choice?: { type: "auto" | "any" | "tool" | "none"; name?: string };
};

export const ANTHROPIC_FAKE_MODELS = ["claude-3-5-haiku-latest", "claude-sonnet-4-5"];

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  429: "rate_limit_error",
  529: "overloaded_error",
};
const errorBody = (status: number, message: string) => ({
  type: "error",
  error: { type: ERROR_TYPES[status] ?? "api_error", message },
});

const blocksOf = (content: string | Block[] | undefined): Block[] =>
  typeof content === "string" ? [{ type: "text", text: content }] : (content ?? []);

function defaultReply(body: AnthropicBody): Omit<ResolvedReply, "delayMs" | "chunkDelayMs"> {
  const messages = body.messages ?? [];
  const lastUser = [...messages].reverse().find((m) => m.role === "user");
  const lastUserText = blocksOf(lastUser?.content)
    .map((b) => (b.type === "text" ? (b.text ?? "") : ""))
    .join("");
  const input = fakeTokens(JSON.stringify([body.system ?? "", messages]));
  const last = messages[messages.length - 1];
  const answeringToolResult = blocksOf(last?.content).some((b) => b.type === "tool_result");
  const tools = body.tools ?? [];
  if (tools.length > 0 && body.tool_choice?.type !== "none" && !answeringToolResult) {
    const tool = tools.find((t) => t.name === body.tool_choice?.name) ?? tools[0];
    if (tool) {
      const args = exampleFromSchema(tool.input_schema ?? { type: "object" }, lastUserText) as Record<string, unknown>;
      return { text: "", toolCalls: [{ id: "toolu_0", name: tool.name, arguments: args }], usage: { input, output: 10 } };
    }
  }
  const text = `Echo: ${lastUserText}`;
  return { text, toolCalls: [], usage: { input, output: fakeTokens(text) } };
}

async function handle(ctx: ProviderContext): Promise<void> {
  if (ctx.req.headers["x-api-key"] !== ctx.options.apiKey) {
    sendJson(ctx.res, 401, errorBody(401, "invalid x-api-key"));
    return;
  }
  if (ctx.req.method === "GET" && ctx.path === "/v1/models") {
    sendJson(ctx.res, 200, {
      data: ctx.options.models.map((id) => ({ type: "model", id, display_name: id, created_at: "2025-01-01T00:00:00Z" })),
      has_more: false,
      first_id: ctx.options.models[0] ?? null,
      last_id: ctx.options.models.at(-1) ?? null,
    });
    return;
  }
  if (ctx.req.method !== "POST" || ctx.path !== "/v1/messages") {
    sendJson(ctx.res, 404, errorBody(404, `Unknown route ${ctx.req.method} ${ctx.path}`));
    return;
  }
  const failure = await applyFailure(ctx, ctx.takeFailure(), errorBody);
  if (failure === "handled") return;
  const body = (ctx.body ?? {}) as AnthropicBody;
  if (!body.model || !Array.isArray(body.messages) || typeof body.max_tokens !== "number") {
    sendJson(ctx.res, 400, errorBody(400, "model, messages and max_tokens are required"));
    return;
  }
  if (!ctx.options.models.includes(body.model)) {
    sendJson(ctx.res, 404, errorBody(404, `model: ${body.model}`));
    return;
  }
  const reply = ctx.takeReply(() => defaultReply(body));
  if (reply.delayMs) await sleep(reply.delayMs);
  const id = `msg_fake_${Date.now()}`;
  const stopReason = reply.toolCalls.length > 0 ? "tool_use" : "end_turn";
  const content = [
    ...(reply.text ? [{ type: "text", text: reply.text }] : []),
    ...reply.toolCalls.map((c) => ({ type: "tool_use", id: c.id, name: c.name, input: c.arguments })),
  ];

  if (!body.stream) {
    if (failure === "malformed") {
      ctx.res.writeHead(200, { "content-type": "application/json" });
      ctx.res.end('{"type": "message", "content": [');
      return;
    }
    sendJson(ctx.res, 200, {
      id,
      type: "message",
      role: "assistant",
      model: body.model,
      content,
      stop_reason: stopReason,
      stop_sequence: null,
      usage: { input_tokens: reply.usage.input, output_tokens: reply.usage.output },
    });
    return;
  }

  startSse(ctx.res);
  const send = (event: string, data: unknown) => ctx.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  send("message_start", {
    type: "message_start",
    message: {
      id,
      type: "message",
      role: "assistant",
      model: body.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: reply.usage.input, output_tokens: 1 },
    },
  });
  if (failure === "malformed") {
    ctx.res.end("event: content_block_delta\ndata: {not json\n\n");
    return;
  }
  send("ping", { type: "ping" });
  let index = 0;
  if (reply.text) {
    send("content_block_start", { type: "content_block_start", index, content_block: { type: "text", text: "" } });
    for (const [i, piece] of streamPieces(reply.text).entries()) {
      send("content_block_delta", { type: "content_block_delta", index, delta: { type: "text_delta", text: piece } });
      if (failure === "truncate" && i === 0) {
        await sleep(5);
        ctx.res.socket?.destroy();
        return;
      }
      await sleep(reply.chunkDelayMs);
    }
    send("content_block_stop", { type: "content_block_stop", index });
    index++;
  }
  for (const call of reply.toolCalls) {
    send("content_block_start", {
      type: "content_block_start",
      index,
      content_block: { type: "tool_use", id: call.id, name: call.name, input: {} },
    });
    const json = JSON.stringify(call.arguments);
    const half = Math.ceil(json.length / 2);
    for (const part of [json.slice(0, half), json.slice(half)]) {
      send("content_block_delta", { type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: part } });
    }
    send("content_block_stop", { type: "content_block_stop", index });
    index++;
  }
  if (failure === "truncate") {
    ctx.res.socket?.destroy();
    return;
  }
  send("message_delta", {
    type: "message_delta",
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: reply.usage.output },
  });
  send("message_stop", { type: "message_stop" });
  ctx.res.end();
}

/** An Anthropic-compatible server on loopback (`/v1/messages` with SSE streaming and tool_use, `/v1/models`). */
export function startFakeAnthropic(options: FakeServerOptions = {}): Promise<FakeLlmServer> {
  return startFakeServer(handle, "/v1", { apiKey: options.apiKey ?? "test-key", models: options.models ?? ANTHROPIC_FAKE_MODELS });
}

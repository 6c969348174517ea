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

type Part = { text?: string; functionCall?: unknown; functionResponse?: unknown };
type GeminiBody = {
  contents?: { role?: string; parts?: Part[] }[];
  systemInstruction?: { parts?: Part[] };
  generationConfig?: { responseMimeType?: string; responseJsonSchema?: unknown; responseSchema?: unknown };
  tools?: { functionDeclarations?: { name: string; parameters?: unknown; parametersJsonSchema?: unknown }[] }[];
  toolConfig?: { functionCallingConfig?: { mode?: string; allowedFunctionNames?: string[] } };
};

export const GEMINI_FAKE_MODELS = ["gemini-2.0-flash", "gemini-2.5-pro"];

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};
const errorBody = (status: number, message: string) => ({ error: { code: status, message, status: STATUS_NAMES[status] ?? "UNKNOWN" } });

function defaultReply(body: GeminiBody): Omit<ResolvedReply, "delayMs" | "chunkDelayMs"> {
  const contents = body.contents ?? [];
  const lastUser = [...contents].reverse().find((c) => c.role !== "model");
  const lastUserText = (lastUser?.parts ?? []).map((p) => p.text ?? "").join("");
  const input = fakeTokens(JSON.stringify([body.systemInstruction ?? "", contents]));
  const schema = body.generationConfig?.responseJsonSchema ?? body.generationConfig?.responseSchema;
  if (schema) {
    const text = JSON.stringify(exampleFromSchema(schema, lastUserText));
    return { text, toolCalls: [], usage: { input, output: fakeTokens(text) } };
  }
  const declarations = (body.tools ?? []).flatMap((t) => t.functionDeclarations ?? []);
  const answeringTool = (contents.at(-1)?.parts ?? []).some((p) => p.functionResponse);
  const mode = body.toolConfig?.functionCallingConfig?.mode;
  if (declarations.length > 0 && mode !== "NONE" && !answeringTool) {
    const allowed = body.toolConfig?.functionCallingConfig?.allowedFunctionNames;
    const tool = declarations.find((d) => allowed?.includes(d.name)) ?? declarations[0];
    if (tool) {
      const args = exampleFromSchema(tool.parametersJsonSchema ?? tool.parameters ?? { type: "object" }, lastUserText) as Record<
        string,
        unknown
      >;
      return { text: "", toolCalls: [{ id: "fc_0", name: tool.name, arguments: args }], usage: { input, output: 10 } };
    }
  }
  const text = `Echo: ${lastUserText}`;
  return { text, toolCalls: [], usage: { input, output: fakeTokens(text) } };
}

async function handle(ctx: ProviderContext): Promise<void> {
  const key = ctx.req.headers["x-goog-api-key"] ?? ctx.url.searchParams.get("key");
  if (key !== ctx.options.apiKey) {
    sendJson(ctx.res, 400, errorBody(400, "API key not valid. Please pass a valid API key."));
    return;
  }
  const route = ctx.path.match(/^\/v1beta\/models\/([^:]+):(generateContent|streamGenerateContent)$/);
  if (ctx.req.method !== "POST" || !route) {
    sendJson(ctx.res, 404, errorBody(404, `Unknown route ${ctx.req.method} ${ctx.path}`));
    return;
  }
  const failure = await applyFailure(ctx, ctx.takeFailure(), errorBody);
  if (failure === "handled") return;
  const model = decodeURIComponent(route[1] ?? "");
  if (!ctx.options.models.includes(model)) {
    sendJson(ctx.res, 404, errorBody(404, `models/${model} is not found for API version v1beta`));
    return;
  }
  const body = (ctx.body ?? {}) as GeminiBody;
  const reply = ctx.takeReply(() => defaultReply(body));
  if (reply.delayMs) await sleep(reply.delayMs);
  const usageMetadata = {
    promptTokenCount: reply.usage.input,
    candidatesTokenCount: reply.usage.output,
    totalTokenCount: reply.usage.input + reply.usage.output,
  };
  const response = (parts: Part[], final: boolean) => ({
    candidates: [{ content: { role: "model", parts }, ...(final ? { finishReason: "STOP" } : {}), index: 0 }],
    ...(final ? { usageMetadata } : {}),
    modelVersion: model,
  });
  const callParts = reply.toolCalls.map((c) => ({ functionCall: { name: c.name, args: c.arguments } }));
  if (route[2] === "generateContent") {
    if (failure === "malformed") {
      ctx.res.writeHead(200, { "content-type": "application/json" });
      ctx.res.end('{"candidates": [');
      return;
    }
    sendJson(ctx.res, 200, response([...(reply.text ? [{ text: reply.text }] : []), ...callParts], true));
    return;
  }
  startSse(ctx.res);
  const send = (data: unknown) => ctx.res.write(`data: ${JSON.stringify(data)}\r\n\r\n`);
  if (failure === "malformed") {
    ctx.res.end("data: {not json\r\n\r\n");
    return;
  }
  const pieces = reply.text ? streamPieces(reply.text) : [];
  for (const [i, piece] of pieces.entries()) {
    send(response([{ text: piece }], false));
    if (failure === "truncate" && i === 0) {
      await sleep(5);
      ctx.res.socket?.destroy();
      return;
    }
    await sleep(reply.chunkDelayMs);
  }
  send(response(callParts, true));
  ctx.res.end();
}

/** A Gemini-compatible server on loopback (`/v1beta/models/<model>:generateContent` and `:streamGenerateContent?alt=sse`). */
export function startFakeGemini(options: FakeServerOptions = {}): Promise<FakeLlmServer> {
  return startFakeServer(handle, "/v1beta", { apiKey: options.apiKey ?? "test-key", models: options.models ?? GEMINI_FAKE_MODELS });
}

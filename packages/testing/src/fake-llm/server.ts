import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What a scripted request should fail with instead of answering. */
export type FakeFailure =
  /** An HTTP error in the provider's own error shape (401 bad key, 429 with Retry-After, 500…). */
  | {
      kind: "status";
      status: number;
      message?: string;
      retryAfterSeconds?: number /** A raw Retry-After value (an HTTP date). */;
      retryAfter?: string;
    }
  /** Reads the request and never answers (until the server closes): the client's timeout must fire. */
  | { kind: "hang" }
  /** Answers 200 with a body (or, streaming, an event) that is not JSON. */
  | { kind: "malformed-json" }
  /** Streams the first part of the answer, then drops the connection without the end of the stream. */
  | { kind: "truncated-stream" };

/** A scripted answer. Anything left out falls back to the deterministic default (see defaultReply). */
export interface FakeReply {
  text?: string;
  toolCalls?: { name: string; arguments: Record<string, unknown> }[];
  /** Structured output: sent as the message text, JSON-encoded. */
  json?: unknown;
  usage?: { input: number; output: number };
  /** Wait before the first byte of the answer. */
  delayMs?: number;
  /** Wait between streamed pieces (default 2 ms), to watch a stream arrive. */
  chunkDelayMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface FakeLlmServer {
  /** Base URL to configure a client with, e.g. `http://127.0.0.1:41234/v1`. */
  readonly url: string;
  readonly origin: string;
  /** Every request received, oldest first (including failed ones). */
  readonly requests: readonly RecordedRequest[];
  /** Queue answers: the next requests get them in order, then the default answer again. */
  reply(...replies: FakeReply[]): void;
  /** The next `times` requests fail this way (failures are used before replies). */
  fail(failure: FakeFailure, times?: number): void;
  /** Forget queued replies, failures and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeServerOptions {
  /** The key a request must carry; anything else answers 401. Default "test-key". */
  apiKey?: string;
  /** Models the server knows; another model answers 404. */
  models?: string[];
}

/** The resolved answer a provider-specific handler renders. */
export interface ResolvedReply {
  text: string;
  toolCalls: { id: string; name: string; arguments: Record<string, unknown> }[];
  usage: { input: number; output: number };
  delayMs: number;
  chunkDelayMs: number;
}

export interface ProviderContext {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  url: URL;
  body: unknown;
  options: Required<FakeServerOptions>;
  /** Take the next scripted failure, if any. */
  takeFailure(): FakeFailure | undefined;
  /** Take the next scripted reply, merged over the given default. */
  takeReply(fallback: () => Omit<ResolvedReply, "delayMs" | "chunkDelayMs">): ResolvedReply;
}

export type ProviderHandler = (ctx: ProviderContext) => Promise<void> | void;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

export function startSse(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rough deterministic token count: one token per 4 characters, at least 1. */
export const fakeTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

/** Splits text into word-sized stream deltas ("Echo: ", "hello ", "world"). */
export function streamPieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [""];
}

/** A value that satisfies a (simple) JSON schema: the default answer to structured output and tool calls. */
export function exampleFromSchema(schema: unknown, fallbackText: string): unknown {
  if (!schema || typeof schema !== "object") return fallbackText;
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if ("const" in s) return s.const;
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case "object": {
      const props = (s.properties ?? {}) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, exampleFromSchema(v, fallbackText)]));
    }
    case "array":
      return [exampleFromSchema(s.items, fallbackText)];
    case "number":
      return typeof s.minimum === "number" ? s.minimum : 1;
    case "integer":
      return typeof s.minimum === "number" ? Math.ceil(s.minimum) : 1;
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return fallbackText;
  }
}

/** Starts a provider fake on 127.0.0.1 with a random port. */
export async function startFakeServer(
  handler: ProviderHandler,
  basePath: string,
  options: Required<FakeServerOptions>,
): Promise<FakeLlmServer> {
  const requests: RecordedRequest[] = [];
  let replies: FakeReply[] = [];
  let failures: FakeFailure[] = [];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      requests.push({ method: req.method ?? "GET", path: url.pathname, headers: req.headers, body: raw });
      sendJson(res, 400, { error: { message: "Request body is not valid JSON", type: "invalid_request_error" } });
      return;
    }
    requests.push({ method: req.method ?? "GET", path: url.pathname, headers: req.headers, body });
    const ctx: ProviderContext = {
      req,
      res,
      path: url.pathname,
      url,
      body,
      options,
      takeFailure: () => failures.shift(),
      takeReply(fallback) {
        const scripted = replies.shift();
        const base = { ...fallback(), delayMs: 0, chunkDelayMs: 2 };
        if (!scripted) return base;
        const text = scripted.json !== undefined ? JSON.stringify(scripted.json) : (scripted.text ?? (scripted.toolCalls ? "" : base.text));
        const toolCalls = scripted.toolCalls
          ? scripted.toolCalls.map((c, i) => ({ id: `call_${requests.length}_${i}`, ...c }))
          : scripted.text !== undefined || scripted.json !== undefined
            ? []
            : base.toolCalls;
        const usage = scripted.usage ?? { input: base.usage.input, output: fakeTokens(text || "x") };
        return { text, toolCalls, usage, delayMs: scripted.delayMs ?? 0, chunkDelayMs: scripted.chunkDelayMs ?? 2 };
      },
    };
    try {
      await handler(ctx);
    } catch (error) {
      if (!res.headersSent) sendJson(res, 500, { error: { message: `fake server bug: ${(error as Error).message}` } });
      else res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${basePath}`,
    origin,
    requests,
    reply: (...r) => {
      replies.push(...r);
    },
    fail: (failure, times = 1) => {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    reset: () => {
      replies = [];
      failures = [];
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** Applies a scripted failure, in the provider's error shape. Returns true when the request is done. */
export async function applyFailure(
  ctx: ProviderContext,
  failure: FakeFailure | undefined,
  errorBody: (status: number, message: string) => unknown,
): Promise<"handled" | "truncate" | "malformed" | undefined> {
  if (!failure) return undefined;
  if (failure.kind === "status") {
    const message = failure.message ?? defaultStatusMessage(failure.status);
    const retryAfter = failure.retryAfter ?? (failure.retryAfterSeconds !== undefined ? String(failure.retryAfterSeconds) : undefined);
    const headers: Record<string, string> = retryAfter !== undefined ? { "retry-after": retryAfter } : {};
    sendJson(ctx.res, failure.status, errorBody(failure.status, message), headers);
    return "handled";
  }
  if (failure.kind === "hang") {
    // Never answer; close() drops the socket.
    await new Promise<void>((resolve) => ctx.res.on("close", () => resolve()));
    return "handled";
  }
  return failure.kind === "truncated-stream" ? "truncate" : "malformed";
}

function defaultStatusMessage(status: number): string {
  if (status === 401) return "Incorrect API key provided";
  if (status === 429) return "Rate limit reached for requests";
  if (status >= 500) return "The server had an error while processing your request";
  return `Fake error ${status}`;
}

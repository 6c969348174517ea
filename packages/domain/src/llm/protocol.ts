import type { LlmAdapter, TLlmCall, TLlmError, TLlmResult, TLlmToolCall } from "@loupe/contracts";

/** What the HTTP layer sends: a URL relative to nothing (absolute), headers and a JSON body. */
export interface ProviderRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export type LlmDelta = { type: "text"; delta: string } | { type: "tool-call"; call: TLlmToolCall };

/** Folds a provider's SSE events into deltas for the caller and, at the end, the whole result. */
export interface StreamAccumulator {
  /** One SSE event (its `event:` name, if any, and its `data:`). Throws LlmProtocolError on a malformed or error event. */
  push(event: string | undefined, data: string): LlmDelta[];
  /** The complete answer; throws LlmProtocolError when the stream stopped before the provider's end marker. */
  result(): TLlmResult;
}

export interface LlmTarget {
  baseURL: string;
  secretKey: string;
}

/** Pure request/response mapping of one provider's chat API; HTTP lives in @loupe/server. */
export interface LlmProtocol {
  /** null: the connection must name its base URL (Azure). */
  defaultBaseURL: string | null;
  buildRequest(target: LlmTarget, call: TLlmCall, stream: boolean): ProviderRequest;
  parseResponse(body: unknown, call: TLlmCall): TLlmResult;
  streamAccumulator(call: TLlmCall): StreamAccumulator;
}

/** The provider answered something that is not its protocol (bad JSON, missing fields, a cut stream, an error event). */
export class LlmProtocolError extends Error {
  constructor(
    message: string,
    readonly providerError?: { status?: number; message: string },
  ) {
    super(message);
  }
}

export function parseJsonData(data: string, what: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw new LlmProtocolError(`The provider sent ${what} that is not JSON: ${data.slice(0, 120)}`);
  }
}

export const trimSlash = (url: string) => url.replace(/\/+$/, "");

/** The message inside a provider's error body ({error:{message}}, {message}, Anthropic's and Google's shapes). */
export function providerErrorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim().slice(0, 500) || undefined;
  if (!body || typeof body !== "object") return undefined;
  const b = body as { error?: unknown; message?: unknown };
  if (b.error && typeof b.error === "object" && typeof (b.error as { message?: unknown }).message === "string") {
    return (b.error as { message: string }).message.slice(0, 500);
  }
  if (typeof b.error === "string") return b.error.slice(0, 500);
  if (typeof b.message === "string") return b.message.slice(0, 500);
  return undefined;
}

/**
 * An HTTP error from a provider → a kind and a sentence a person can act on. Evaluations use the kind:
 * rate_limited/provider_error/timeout retry, auth/unknown_model stop the rule.
 */
export function classifyProviderStatus(input: {
  status: number;
  message: string | undefined;
  retryAfterSeconds?: number;
  model: string;
  adapter: LlmAdapter;
}): TLlmError {
  const { status, model } = input;
  // The provider's own sentence, without its final period (ours follows).
  const detail = input.message ? `: ${input.message.replace(/[.\s]+$/, "")}` : "";
  const base = { status, ...(input.retryAfterSeconds !== undefined ? { retryAfterSeconds: input.retryAfterSeconds } : {}) };
  const badKey = /api key not valid|invalid api key|incorrect api key|api_key_invalid|invalid x-api-key/i.test(input.message ?? "");
  if (status === 401 || status === 403 || (status === 400 && badKey)) {
    return {
      kind: "auth",
      message: `The provider rejected the API key (${status})${detail}. Check the key of this LLM connection.`,
      ...base,
    };
  }
  const unknownModel =
    /model/i.test(input.message ?? "") && /not found|does not exist|not exist|unknown|not supported/i.test(input.message ?? "");
  if (status === 404 || (status === 400 && unknownModel)) {
    const what = input.adapter === "azure" ? "deployment" : "model";
    return { kind: "unknown_model", message: `The provider does not know the ${what} "${model}" (${status})${detail}.`, ...base };
  }
  if (status === 429) {
    const wait = input.retryAfterSeconds !== undefined ? ` Retry after ${input.retryAfterSeconds} s.` : "";
    return { kind: "rate_limited", message: `Rate limited by the provider (429)${detail}.${wait}`, ...base };
  }
  if (status >= 500) return { kind: "provider_error", message: `The provider failed (${status})${detail}. Try again later.`, ...base };
  return { kind: "bad_request", message: `The provider refused the request (${status})${detail}.`, ...base };
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export function toolArguments(args: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(args || "{}");
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : { value: parsed };
  } catch {
    return { raw: args };
  }
}

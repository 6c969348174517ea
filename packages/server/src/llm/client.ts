import type { LlmAdapter, TLlmCall, TLlmError, TLlmResult } from "@loupe/contracts";
import {
  classifyProviderStatus,
  LLM_PROTOCOLS,
  type LlmDelta,
  LlmProtocolError,
  parseRetryAfter,
  providerErrorMessage,
} from "@loupe/domain";
import { createParser } from "eventsource-parser";
import { fetch } from "undici";
import { assertOutboundUrl, OutboundBlockedError, type OutboundPolicy, outboundDispatcher } from "./outbound.ts";

/** A connection ready to call: the secret and headers already decrypted. */
export interface LlmTarget {
  adapter: LlmAdapter;
  baseURL: string | null;
  secretKey: string;
  extraHeaders: Record<string, string>;
}

export interface LlmClientOptions {
  policy: OutboundPolicy;
  /** The whole call, first byte to last (streams included). */
  timeoutMs: number;
  /** Cap on the bytes read from the provider (a tenant's base URL may answer anything). */
  maxResponseBytes?: number;
  /**
   * `complete` answers a 429 that carries `Retry-After` (seconds or an HTTP date) by waiting that long,
   * at most `maxWaitMs`, and trying again, up to `retries` times. A 429 without the header, and the
   * last one, are thrown for the caller's own backoff (the judge's queue). Off when absent.
   */
  rateLimitRetry?: RateLimitRetry;
}

export interface RateLimitRetry {
  retries: number;
  maxWaitMs: number;
  /** How to wait (tests record the waits instead of sleeping). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const sleepFor = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

/** How long to wait before the next try of a rate-limited call, or null when it is not ours to retry. */
function rateLimitWaitMs(error: unknown, retry: RateLimitRetry | undefined, triesSoFar: number): number | null {
  if (!retry || triesSoFar > retry.retries || !(error instanceof LlmCallError)) return null;
  const { kind, retryAfterSeconds } = error.error;
  if (kind !== "rate_limited" || retryAfterSeconds === undefined) return null;
  return Math.min(Math.max(0, retryAfterSeconds * 1000), retry.maxWaitMs);
}

export type LlmStreamEvent = LlmDelta | { type: "done"; result: TLlmResult };

export interface LlmClient {
  complete(call: TLlmCall, options?: { signal?: AbortSignal }): Promise<TLlmResult>;
  /** Deltas as they arrive, then one `done` with the whole result. Failures throw LlmCallError. */
  stream(call: TLlmCall, options?: { signal?: AbortSignal }): AsyncGenerator<LlmStreamEvent>;
}

export class LlmCallError extends Error {
  constructor(readonly error: TLlmError) {
    super(error.message);
  }
}

const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
const ERROR_BODY_BYTES = 64 * 1024;

async function* readBounded(body: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes)
      throw new LlmCallError({ kind: "bad_response", message: `The provider's answer is larger than ${Math.round(maxBytes / 1024)} KB` });
    yield chunk;
  }
}

async function readText(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of readBounded(body, maxBytes)) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

export function createLlmClient(target: LlmTarget, options: LlmClientOptions): LlmClient {
  const protocol = LLM_PROTOCOLS[target.adapter];
  const baseURL = target.baseURL || protocol.defaultBaseURL;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  async function send(call: TLlmCall, stream: boolean, callerSignal: AbortSignal | undefined) {
    if (!baseURL)
      throw new LlmCallError({
        kind: "bad_request",
        message: "This connection has no base URL (Azure needs https://<resource>.openai.azure.com/openai/deployments)",
      });
    const request = protocol.buildRequest({ baseURL, secretKey: target.secretKey }, call, stream);
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
    const fail = (error: unknown): never => {
      throw toCallError(error, { timeout, callerSignal, timeoutMs: options.timeoutMs, url: request.url });
    };
    try {
      await assertOutboundUrl(request.url, options.policy);
      const response = await fetch(request.url, {
        method: "POST",
        // Extra headers first: they may not replace the auth or content headers.
        headers: {
          ...target.extraHeaders,
          ...request.headers,
          "content-type": "application/json",
          accept: stream ? "text/event-stream" : "application/json",
        },
        body: JSON.stringify(request.body),
        redirect: "manual",
        signal,
        dispatcher: outboundDispatcher(options.policy),
      });
      if (response.status >= 300 && response.status < 400) {
        throw new LlmCallError({
          kind: "bad_response",
          status: response.status,
          message: `The provider answered with a redirect (${response.status}); Loupe does not follow redirects: fix the base URL`,
        });
      }
      if (!response.ok) {
        const text = response.body ? await readText(response.body, ERROR_BODY_BYTES).catch(() => "") : "";
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {}
        throw new LlmCallError(
          classifyProviderStatus({
            status: response.status,
            message: providerErrorMessage(parsed),
            retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after")),
            model: call.model,
            adapter: target.adapter,
          }),
        );
      }
      return { response, fail };
    } catch (error) {
      return fail(error);
    }
  }

  async function completeOnce(call: TLlmCall, signal: AbortSignal | undefined): Promise<TLlmResult> {
    const { response, fail } = await send(call, false, signal);
    try {
      const text = response.body ? await readText(response.body, maxBytes) : "";
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new LlmProtocolError(`The provider's answer is not JSON: ${text.slice(0, 120)}`);
      }
      return protocol.parseResponse(body, call);
    } catch (error) {
      return fail(error);
    }
  }

  return {
    async complete(call, opts = {}) {
      for (let tries = 1; ; tries++) {
        try {
          return await completeOnce(call, opts.signal);
        } catch (error) {
          const wait = rateLimitWaitMs(error, options.rateLimitRetry, tries);
          if (wait === null) throw error;
          await (options.rateLimitRetry?.sleep ?? sleepFor)(wait, opts.signal);
        }
      }
    },

    async *stream(call, opts = {}) {
      const { response, fail } = await send(call, true, opts.signal);
      const accumulator = protocol.streamAccumulator(call);
      const pending: LlmDelta[] = [];
      let parseError: unknown;
      const parser = createParser({
        onEvent(event) {
          if (parseError) return;
          try {
            pending.push(...accumulator.push(event.event, event.data));
          } catch (error) {
            parseError = error;
          }
        },
      });
      const decoder = new TextDecoder();
      try {
        if (!response.body) throw new LlmProtocolError("The provider sent no stream");
        for await (const chunk of readBounded(response.body, maxBytes)) {
          parser.feed(decoder.decode(chunk, { stream: true }));
          if (parseError) throw parseError;
          yield* pending.splice(0);
        }
        parser.feed(decoder.decode());
        if (parseError) throw parseError;
        yield* pending.splice(0);
        yield { type: "done", result: accumulator.result() };
      } catch (error) {
        fail(isStreamBreak(error) ? new LlmProtocolError("The provider's stream broke off before the answer was complete") : error);
      }
    },
  };
}

/** The socket closed mid-body (undici reports "terminated" / UND_ERR_SOCKET). */
function isStreamBreak(error: unknown): boolean {
  if (!(error instanceof Error) || error.name === "AbortError" || error.name === "TimeoutError") return false;
  const cause = (error as { cause?: { code?: string } }).cause;
  return error.message === "terminated" || cause?.code === "UND_ERR_SOCKET";
}

function toCallError(
  error: unknown,
  ctx: { timeout: AbortSignal; callerSignal: AbortSignal | undefined; timeoutMs: number; url: string },
): Error {
  if (error instanceof LlmCallError) return error;
  if (ctx.callerSignal?.aborted) return ctx.callerSignal.reason instanceof Error ? ctx.callerSignal.reason : new Error("aborted");
  if (ctx.timeout.aborted) {
    return new LlmCallError({
      kind: "timeout",
      message: `The provider did not finish answering within ${Math.round(ctx.timeoutMs / 1000)} s`,
    });
  }
  if (error instanceof LlmProtocolError) {
    return new LlmCallError(
      error.providerError ? { kind: "provider_error", message: error.message } : { kind: "bad_response", message: error.message },
    );
  }
  const blocked =
    error instanceof OutboundBlockedError
      ? error
      : (error as { cause?: unknown })?.cause instanceof OutboundBlockedError
        ? (error as { cause: OutboundBlockedError }).cause
        : undefined;
  if (blocked) return new LlmCallError({ kind: "blocked_url", message: `Loupe refuses to call this base URL: ${blocked.message}` });
  const code = ((error as { cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code) || (error as Error)?.message;
  const host = (() => {
    try {
      return new URL(ctx.url).host;
    } catch {
      return ctx.url;
    }
  })();
  return new LlmCallError({ kind: "network", message: `Could not reach the provider at ${host} (${code})` });
}

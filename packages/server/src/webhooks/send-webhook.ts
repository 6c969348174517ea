import { createHmac } from "node:crypto";
import { fetch } from "undici";
import { webhookEnv } from "../env.ts";
import { assertOutboundUrl, OutboundBlockedError, type OutboundPolicy, outboundDispatcher } from "../llm/outbound.ts";

// One HTTP attempt of a webhook, bounded like every call to a tenant URL: the address guard of LLM
// connections (checked before the call and again at connect time, after DNS), no redirects followed,
// a whole-call timeout and at most RESPONSE_CAP bytes of the answer read.

const RESPONSE_CAP = 64 * 1024;
const ERROR_TEXT = 500;

export const webhookPolicy = (): OutboundPolicy => ({
  allowPrivate: webhookEnv().allowPrivateUrls,
  allowSwitch: "LOUPE_WEBHOOK_ALLOW_PRIVATE_URLS",
});

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 over "<t>.<body>">`: the timestamp is signed, so a replay can be refused. */
export function webhookSignature(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex");
  return `t=${timestampSeconds},v1=${mac}`;
}

/** Why Loupe will not call this URL, or null: the address guard, plus https unless private URLs are allowed. */
export async function webhookUrlProblem(url: string): Promise<string | null> {
  const policy = webhookPolicy();
  if (!policy.allowPrivate && !url.startsWith("https://")) return "the URL must use https";
  try {
    await assertOutboundUrl(url, policy);
    return null;
  } catch (error) {
    if (error instanceof OutboundBlockedError) return error.message;
    throw error;
  }
}

export type SendResult =
  | { ok: true; status: number; latencyMs: number }
  | { ok: false; retryable: boolean; status: number | null; latencyMs: number | null; error: string };

async function readCapped(body: AsyncIterable<Uint8Array> | null): Promise<string> {
  if (!body) return "";
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(Buffer.from(chunk));
    size += chunk.byteLength;
    if (size >= RESPONSE_CAP) break; // leaving the loop cancels the rest of the stream
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_CAP).toString("utf8");
}

export async function sendWebhook(url: string, body: string, headers: Record<string, string>): Promise<SendResult> {
  const problem = await webhookUrlProblem(url);
  if (problem) return { ok: false, retryable: false, status: null, latencyMs: null, error: `Refused: ${problem}` };
  const { timeoutMs } = webhookEnv();
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(url, {
      method: "POST",
      body,
      headers: { ...headers, "content-type": "application/json", "user-agent": "Loupe-Webhooks/1" },
      redirect: "manual",
      dispatcher: outboundDispatcher(webhookPolicy()),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await readCapped(response.body);
    const latencyMs = elapsed();
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, latencyMs };
    const error =
      response.status >= 300 && response.status < 400
        ? `Redirects are not followed (answered ${response.status} to ${response.headers.get("location") ?? "no location"})`
        : `Answered ${response.status}${text.trim() ? `: ${text.trim().slice(0, ERROR_TEXT)}` : ""}`;
    return { ok: false, retryable: true, status: response.status, latencyMs, error };
  } catch (error) {
    const err = error as Error & { cause?: Error };
    if (err.name === "TimeoutError" || err.name === "AbortError") {
      return { ok: false, retryable: true, status: null, latencyMs: elapsed(), error: `No answer within ${timeoutMs / 1000} s` };
    }
    const cause = err.cause ?? err;
    if (cause instanceof OutboundBlockedError)
      return { ok: false, retryable: false, status: null, latencyMs: null, error: `Refused: ${cause.message}` };
    return {
      ok: false,
      retryable: true,
      status: null,
      latencyMs: elapsed(),
      error: `Could not connect: ${cause.message}`.slice(0, ERROR_TEXT),
    };
  }
}

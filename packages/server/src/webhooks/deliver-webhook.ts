import { type TWebhookEvent, WEBHOOK_SIGNATURE_HEADER } from "@loupe/contracts";
import { findDeliveryForSending, recordDeliveryAttempt } from "@loupe/db";
import { slackMessage } from "@loupe/domain";
import { JOB_CATALOG } from "@loupe/jobs";
import { llmEnv } from "../env.ts";
import { openSecret, SecretBoxError } from "../llm/secret-box.ts";
import { sendWebhook, webhookSignature } from "./send-webhook.ts";

/** Attempts per delivery: the job's, so the log's "3 / 8" and the queue agree. */
export const WEBHOOK_MAX_ATTEMPTS = JOB_CATALOG["webhooks.deliver"].attempts;

export const webhookSecretContext = (projectId: string) => `webhook:${projectId}`;

/** Thrown so the queue retries with backoff; the attempt is already recorded. */
export class WebhookRetryError extends Error {}

export type DeliverOutcome = "succeeded" | "retrying" | "failed" | "skipped";

/**
 * The `webhooks.deliver` job: one attempt. Records status, response code, latency and error on the
 * delivery; throws WebhookRetryError while attempts remain, so BullMQ retries with exponential backoff.
 * Safe to run twice: a delivery that succeeded or failed for good is not sent again.
 */
export async function deliverWebhook(projectId: string, deliveryId: string): Promise<DeliverOutcome> {
  const row = await findDeliveryForSending(projectId, deliveryId);
  if (!row || row.status === "succeeded" || row.status === "failed") return "skipped";
  const record = (status: DeliverOutcome, o: { responseStatus: number | null; latencyMs: number | null; lastError: string | null }) =>
    recordDeliveryAttempt(projectId, deliveryId, { status, ...o, done: status !== "retrying" });
  if (!row.webhook.enabled) {
    await record("failed", { responseStatus: null, latencyMs: null, lastError: "The webhook is disabled" });
    return "failed";
  }

  const event = row.payload as unknown as TWebhookEvent;
  const body = JSON.stringify(row.webhook.format === "slack" ? slackMessage(event) : event);
  let secret: string;
  try {
    secret = openSecret(row.webhook.secret, webhookSecretContext(projectId), llmEnv().encryptionKey);
  } catch (error) {
    // LOUPE_ENCRYPTION_KEY changed: retrying cannot help, and nothing is sent unsigned.
    if (!(error instanceof SecretBoxError)) throw error;
    const lastError = "The signing secret cannot be decrypted (was LOUPE_ENCRYPTION_KEY changed?): delete and re-create the webhook";
    await record("failed", { responseStatus: null, latencyMs: null, lastError });
    return "failed";
  }
  const result = await sendWebhook(row.webhook.url, body, {
    [WEBHOOK_SIGNATURE_HEADER]: webhookSignature(secret, body, Math.floor(Date.now() / 1000)),
    "X-Loupe-Event": event.type,
    "X-Loupe-Delivery": deliveryId,
  });
  if (result.ok) {
    await record("succeeded", { responseStatus: result.status, latencyMs: result.latencyMs, lastError: null });
    return "succeeded";
  }
  const last = !result.retryable || row.attempts + 1 >= WEBHOOK_MAX_ATTEMPTS;
  await record(last ? "failed" : "retrying", { responseStatus: result.status, latencyMs: result.latencyMs, lastError: result.error });
  if (last) return "failed";
  throw new WebhookRetryError(result.error);
}

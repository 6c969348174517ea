export { deliverWebhook, WEBHOOK_MAX_ATTEMPTS, WebhookRetryError } from "./deliver-webhook.ts";
export * from "./manage-webhooks.ts";
export { webhookSignature } from "./send-webhook.ts";
export { runWebhookSweep, sweepWebhookDeliveries } from "./sweep-deliveries.ts";

import { randomBytes } from "node:crypto";
import {
  offsetOf,
  pageMeta,
  type Role,
  type TCreatedWebhook,
  type TCreateWebhookBody,
  type TPageQuery,
  type TUpdateWebhookBody,
  type TWebhook,
  type TWebhookDeliveriesResponse,
  type TWebhookDelivery,
  type TWebhookEvent,
  WEBHOOK_PING,
} from "@loupe/contracts";
import {
  type DeliveryInsert,
  deleteWebhookRow,
  findDeliveryRow,
  findWebhookRow,
  insertDeliveries,
  insertWebhookRow,
  listDeliveryRows,
  listWebhookRows,
  type Prisma,
  updateWebhookRow,
  type WebhookDeliveryRow,
  type WebhookRow,
} from "@loupe/db";
import { requireRole } from "../auth/roles.ts";
import { llmEnv } from "../env.ts";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { badRequest, notFoundInProject } from "../errors.ts";
import { sealSecret } from "../llm/secret-box.ts";
import { WEBHOOK_MAX_ATTEMPTS, webhookSecretContext } from "./deliver-webhook.ts";
import { webhookUrlProblem } from "./send-webhook.ts";
import { enqueueWebhookDeliveries, newWebhookEvent } from "./webhook-events.ts";

// Settings → Webhooks. Only ADMIN+ (routes' minRole, and here): URLs such as Slack's carry a token.

export type WebhookActor = { userId: string; role: Role };

function webhookDto(row: WebhookRow & { lastDelivery?: { status: string; createdAt: Date } | null }): TWebhook {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    format: row.format as TWebhook["format"],
    events: row.events as TWebhook["events"],
    enabled: row.enabled,
    secretHint: row.secretHint,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastDelivery: row.lastDelivery
      ? { status: row.lastDelivery.status as TWebhookDelivery["status"], createdAt: row.lastDelivery.createdAt.toISOString() }
      : null,
  };
}

export function webhookDeliveryDto(row: WebhookDeliveryRow): TWebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhookId,
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.status as TWebhookDelivery["status"],
    attempts: row.attempts,
    maxAttempts: WEBHOOK_MAX_ATTEMPTS,
    responseStatus: row.responseStatus,
    latencyMs: row.latencyMs,
    lastError: row.lastError,
    redeliveryOf: row.redeliveryOf,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    payload: row.payload as unknown as TWebhookEvent,
  };
}

async function checkUrl(url: string): Promise<void> {
  const problem = await webhookUrlProblem(url);
  if (problem) throw badRequest(`Invalid url: ${problem}`);
}

const notFound = (id: string) => notFoundInProject("Webhook", id);

export async function listWebhooks(projectId: string, actor: WebhookActor): Promise<TWebhook[]> {
  requireRole(actor.role, "ADMIN");
  return (await listWebhookRows(projectId)).map(webhookDto);
}

/** Creates a webhook with a fresh signing secret, returned this once and stored sealed. */
export async function createWebhook(projectId: string, actor: WebhookActor, body: TCreateWebhookBody): Promise<TCreatedWebhook> {
  requireRole(actor.role, "ADMIN");
  await checkUrl(body.url);
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const row = await insertWebhookRow(projectId, {
    ...body,
    secret: sealSecret(secret, webhookSecretContext(projectId), llmEnv().encryptionKey),
    secretHint: secret.slice(-4),
    createdBy: actor.userId,
  });
  return { ...webhookDto({ ...row, lastDelivery: null }), secret };
}

export async function updateWebhook(projectId: string, actor: WebhookActor, id: string, body: TUpdateWebhookBody): Promise<TWebhook> {
  requireRole(actor.role, "ADMIN");
  if (body.url !== undefined) await checkUrl(body.url);
  const row = await updateWebhookRow(projectId, id, body);
  if (!row) throw notFound(id);
  return webhookDto(row);
}

export async function deleteWebhook(projectId: string, actor: WebhookActor, id: string, audit: AuditContext): Promise<void> {
  requireRole(actor.role, "ADMIN");
  if (!(await deleteWebhookRow(projectId, id))) throw notFound(id);
  await recordAudit(undefined, audit, { action: "webhook.deleted", projectId, resource: { type: "webhook", id } });
}

export async function listWebhookDeliveries(
  projectId: string,
  actor: WebhookActor,
  webhookId: string,
  query: TPageQuery,
): Promise<TWebhookDeliveriesResponse> {
  requireRole(actor.role, "ADMIN");
  if (!(await findWebhookRow(projectId, webhookId))) throw notFound(webhookId);
  const { rows, total } = await listDeliveryRows(projectId, webhookId, { skip: offsetOf(query), take: query.limit });
  return { data: rows.map(webhookDeliveryDto), meta: pageMeta(query, total) };
}

async function queueOne(projectId: string, row: DeliveryInsert): Promise<TWebhookDelivery> {
  const [id] = await insertDeliveries(projectId, [row]);
  await enqueueWebhookDeliveries(projectId, [id as string]);
  const saved = await findDeliveryRow(projectId, id as string);
  if (!saved) throw new Error("a delivery vanished right after it was written");
  return webhookDeliveryDto(saved);
}

/** "Send test event": a `ping` through the same queue, signature and log as real events. */
export async function sendWebhookTestEvent(projectId: string, actor: WebhookActor, webhookId: string): Promise<TWebhookDelivery> {
  requireRole(actor.role, "ADMIN");
  const hook = await findWebhookRow(projectId, webhookId);
  if (!hook) throw notFound(webhookId);
  if (!hook.enabled) throw badRequest("The webhook is disabled: enable it to send a test event");
  const event = newWebhookEvent(projectId, { type: WEBHOOK_PING, data: { message: `Webhook '${hook.name}' is set up` } });
  return queueOne(projectId, { webhookId, eventId: event.id, eventType: event.type, payload: event as unknown as Prisma.InputJsonValue });
}

/** Sends a delivery's event again as a new delivery (same event id, so a receiver can tell it is a repeat). */
export async function redeliverWebhook(
  projectId: string,
  actor: WebhookActor,
  webhookId: string,
  deliveryId: string,
): Promise<TWebhookDelivery> {
  requireRole(actor.role, "ADMIN");
  const original = await findDeliveryRow(projectId, deliveryId);
  if (!original || original.webhookId !== webhookId) throw notFoundInProject("Webhook delivery", deliveryId);
  const hook = await findWebhookRow(projectId, webhookId);
  if (!hook?.enabled) throw badRequest("The webhook is disabled: enable it to redeliver");
  return queueOne(projectId, {
    webhookId,
    eventId: original.eventId,
    eventType: original.eventType,
    payload: original.payload as Prisma.InputJsonValue,
    redeliveryOf: original.id,
  });
}

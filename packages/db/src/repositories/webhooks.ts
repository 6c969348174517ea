import { prisma, type Tx } from "../client.ts";
import type { Prisma } from "../generated/prisma/client.ts";

// Webhooks and their deliveries. Deliveries are the outbox: written in the transaction of the prompt
// change that caused them, sent by the worker after the commit.

type Db = Tx | typeof prisma;

/** Everything but the sealed secret. */
const PUBLIC_FIELDS = {
  id: true,
  name: true,
  url: true,
  format: true,
  events: true,
  enabled: true,
  secretHint: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.WebhookSelect;

export type WebhookRow = Prisma.WebhookGetPayload<{ select: typeof PUBLIC_FIELDS }>;
export type WebhookWrite = { name: string; url: string; format: string; events: string[] };

export async function listWebhookRows(projectId: string) {
  const rows = await prisma.webhook.findMany({
    where: { projectId },
    select: {
      ...PUBLIC_FIELDS,
      deliveries: { select: { status: true, createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
    },
    orderBy: { createdAt: "asc" },
  });
  return rows.map(({ deliveries, ...row }) => ({ ...row, lastDelivery: deliveries[0] ?? null }));
}

export async function insertWebhookRow(
  projectId: string,
  data: WebhookWrite & { secret: string; secretHint: string; createdBy: string },
): Promise<WebhookRow> {
  return prisma.webhook.create({ data: { projectId, ...data }, select: PUBLIC_FIELDS });
}

export async function updateWebhookRow(
  projectId: string,
  id: string,
  data: Partial<WebhookWrite> & { enabled?: boolean },
): Promise<WebhookRow | null> {
  const { count } = await prisma.webhook.updateMany({ where: { projectId, id }, data });
  if (count === 0) return null;
  return prisma.webhook.findFirst({ where: { projectId, id }, select: PUBLIC_FIELDS });
}

export async function deleteWebhookRow(projectId: string, id: string): Promise<boolean> {
  return (await prisma.webhook.deleteMany({ where: { projectId, id } })).count > 0;
}

export async function findWebhookRow(projectId: string, id: string): Promise<WebhookRow | null> {
  return prisma.webhook.findFirst({ where: { projectId, id }, select: PUBLIC_FIELDS });
}

/** The enabled webhooks of the project subscribed to `eventType`, inside the change's transaction. */
export async function findSubscribedWebhooks(tx: Tx, projectId: string, eventType: string): Promise<{ id: string }[]> {
  return tx.webhook.findMany({ where: { projectId, enabled: true, events: { has: eventType } }, select: { id: true } });
}

export type DeliveryInsert = {
  webhookId: string;
  eventId: string;
  eventType: string;
  payload: Prisma.InputJsonValue;
  redeliveryOf?: string | null;
};

/** Inserts pending deliveries and returns their ids (in the caller's transaction when given one). */
export async function insertDeliveries(projectId: string, rows: DeliveryInsert[], db: Db = prisma): Promise<string[]> {
  if (rows.length === 0) return [];
  const created = await db.webhookDelivery.createManyAndReturn({
    data: rows.map((r) => ({ projectId, ...r })),
    select: { id: true },
  });
  return created.map((r) => r.id);
}

const DELIVERY_FIELDS = {
  id: true,
  webhookId: true,
  eventId: true,
  eventType: true,
  payload: true,
  status: true,
  attempts: true,
  responseStatus: true,
  latencyMs: true,
  lastError: true,
  redeliveryOf: true,
  createdAt: true,
  updatedAt: true,
  completedAt: true,
} as const satisfies Prisma.WebhookDeliverySelect;
export type WebhookDeliveryRow = Prisma.WebhookDeliveryGetPayload<{ select: typeof DELIVERY_FIELDS }>;

export async function listDeliveryRows(
  projectId: string,
  webhookId: string,
  page: { skip: number; take: number },
): Promise<{ rows: WebhookDeliveryRow[]; total: number }> {
  const where = { projectId, webhookId };
  const [rows, total] = await Promise.all([
    prisma.webhookDelivery.findMany({ where, select: DELIVERY_FIELDS, orderBy: { createdAt: "desc" }, ...page }),
    prisma.webhookDelivery.count({ where }),
  ]);
  return { rows, total };
}

export async function findDeliveryRow(projectId: string, id: string): Promise<WebhookDeliveryRow | null> {
  return prisma.webhookDelivery.findFirst({ where: { projectId, id }, select: DELIVERY_FIELDS });
}

/** A delivery with what sending needs: the webhook's URL, format and sealed secret. */
export async function findDeliveryForSending(projectId: string, id: string) {
  return prisma.webhookDelivery.findFirst({
    where: { projectId, id },
    select: { ...DELIVERY_FIELDS, webhook: { select: { url: true, format: true, secret: true, enabled: true } } },
  });
}

/** Records one attempt's outcome; counts attempts in SQL so two runs of one job cannot lose one. */
export async function recordDeliveryAttempt(
  projectId: string,
  id: string,
  outcome: { status: string; responseStatus: number | null; latencyMs: number | null; lastError: string | null; done: boolean },
): Promise<void> {
  await prisma.webhookDelivery.updateMany({
    where: { projectId, id },
    data: {
      status: outcome.status,
      attempts: { increment: 1 },
      responseStatus: outcome.responseStatus,
      latencyMs: outcome.latencyMs,
      lastError: outcome.lastError,
      completedAt: outcome.done ? new Date() : null,
    },
  });
}

/**
 * Deliveries still to send that nothing touched for `olderThanMs` (their job may be lost with Redis),
 * across projects: the worker's sweep re-enqueues those without a live job.
 */
export async function findStaleDeliveries(olderThanMs: number, limit: number): Promise<{ id: string; projectId: string }[]> {
  return prisma.webhookDelivery.findMany({
    where: { status: { in: ["pending", "retrying"] }, updatedAt: { lt: new Date(Date.now() - olderThanMs) } },
    select: { id: true, projectId: true },
    orderBy: { updatedAt: "asc" },
    take: limit,
  });
}

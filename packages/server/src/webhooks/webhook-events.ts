import { randomUUID } from "node:crypto";
import type { TWebhookEvent, TWebhookEventInput } from "@loupe/contracts";
import { findSubscribedWebhooks, findUserDisplayNames, insertDeliveries, type Prisma, type Tx } from "@loupe/db";
import { enqueue } from "@loupe/jobs";
import { logger } from "../logger.ts";
import type { PromptActor } from "../prompts/actor.ts";

// The outbox: a change's events become delivery rows in the change's own transaction, so a change that
// rolls back sends nothing and a committed one is never lost. Jobs are enqueued after the commit; if
// Redis is down then, the worker's sweep enqueues the rows later.

export const newWebhookEvent = (projectId: string, input: TWebhookEventInput): TWebhookEvent =>
  ({ ...input, id: `evt_${randomUUID()}`, createdAt: new Date().toISOString(), projectId }) as TWebhookEvent;

/** Writes one pending delivery per subscribed, enabled webhook and event; returns their ids. */
export async function recordWebhookEvents(tx: Tx, projectId: string, inputs: TWebhookEventInput[]): Promise<string[]> {
  const subscribers = new Map<string, { id: string }[]>();
  const rows = [];
  for (const input of inputs) {
    let hooks = subscribers.get(input.type);
    if (!hooks) {
      hooks = await findSubscribedWebhooks(tx, projectId, input.type);
      subscribers.set(input.type, hooks);
    }
    if (hooks.length === 0) continue;
    const event = newWebhookEvent(projectId, input);
    for (const hook of hooks) {
      rows.push({ webhookId: hook.id, eventId: event.id, eventType: event.type, payload: event as unknown as Prisma.InputJsonValue });
    }
  }
  return insertDeliveries(projectId, rows, tx);
}

/** After the commit. A failure is logged, not thrown: the change is committed and the sweep sends its events. */
export async function enqueueWebhookDeliveries(projectId: string, deliveryIds: string[]): Promise<void> {
  for (const deliveryId of deliveryIds) {
    try {
      await enqueue("webhooks.deliver", { projectId, deliveryId }, { jobId: deliveryId });
    } catch (error) {
      logger.warn({ err: (error as Error).message, projectId, deliveryId }, "could not enqueue a webhook delivery; the sweep will");
    }
  }
}

/** Who made a change, as a receiver should read it: "API key" or the user's name (else e-mail). */
export async function actorName(actor: PromptActor): Promise<string | null> {
  if (actor.kind === "apiKey") return "API key";
  return (await findUserDisplayNames([actor.userId])).get(actor.userId) ?? null;
}

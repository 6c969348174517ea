import { findStaleDeliveries, runExclusively } from "@loupe/db";
import { enqueueUnlessLive, readJobsEnv } from "@loupe/jobs";

/** A delivery this old with no live job lost it (Redis down at the commit, or restarted empty). */
const STALE_AFTER_MS = 60_000;

/**
 * The outbox's second half: deliveries still to send whose job will not run are enqueued again.
 * Every worker runs it on the ingestion sweep's timer, one at a time (advisory lock). Returns the count.
 */
export async function sweepWebhookDeliveries(olderThanMs = STALE_AFTER_MS): Promise<number> {
  const stale = await findStaleDeliveries(olderThanMs, 500);
  const added = await Promise.all(
    stale.map((d) => enqueueUnlessLive("webhooks.deliver", { projectId: d.projectId, deliveryId: d.id }, d.id)),
  );
  return added.filter(Boolean).length;
}

export async function runWebhookSweep(): Promise<{ ran: true; result: number } | { ran: false }> {
  return runExclusively(`loupe:webhook-sweep:${readJobsEnv().LOUPE_QUEUE_PREFIX}`, () => sweepWebhookDeliveries());
}

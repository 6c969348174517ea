import { listStaleIngestionBatches, runExclusively } from "@loupe/db";
import { enqueueUnlessLive, readJobsEnv } from "@loupe/jobs";

/**
 * How old an unprocessed batch must be before the sweep looks at it: the request path enqueues
 * right after its insert, so a younger batch almost always has its job already.
 */
export const SWEEP_MIN_AGE_MS = 5_000;
const PAGE = 500;

/**
 * Re-enqueues stored batches that were never processed and have no job that will still run: Redis
 * was down when they arrived, restarted empty and lost their job, or the job failed for good.
 * Batches whose job is waiting or running are left alone, so a backlog is not queued twice;
 * processing is idempotent either way. Every project, unless `scope.projectId` names one. Returns
 * how many batches were re-enqueued; throws when the queue is unreachable (the next sweep retries).
 */
export async function sweepUnprocessedBatches(olderThanMs = SWEEP_MIN_AGE_MS, scope: { projectId?: string } = {}): Promise<number> {
  // 0 means every unprocessed batch: a cutoff of "now" could miss one stored this very millisecond
  // (receivedAt is the database's clock, rounded to the millisecond).
  const cutoff = olderThanMs > 0 ? new Date(Date.now() - olderThanMs) : null;
  let requeued = 0;
  let after: { receivedAt: Date; id: string } | undefined;
  for (;;) {
    const batches = await listStaleIngestionBatches(cutoff, { ...scope, limit: PAGE, after });
    const added = await Promise.all(
      batches.map((b) => enqueueUnlessLive("ingestion.process", { projectId: b.projectId, batchId: b.id }, b.id)),
    );
    requeued += added.filter(Boolean).length;
    const last = batches.at(-1);
    if (!last || batches.length < PAGE) return requeued;
    after = { receivedAt: last.receivedAt, id: last.id };
  }
}

/**
 * One sweep of the whole database by whichever worker process gets there first: every worker runs
 * this on a timer (not a schedule kept in Redis, which an empty Redis would lose), and a Postgres
 * advisory lock per queue prefix lets only one of them sweep at a time.
 */
export async function runIngestionSweep(): Promise<{ ran: true; result: number } | { ran: false }> {
  return runExclusively(`loupe:ingestion-sweep:${readJobsEnv().LOUPE_QUEUE_PREFIX}`, () => sweepUnprocessedBatches());
}

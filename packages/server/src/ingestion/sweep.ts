import { listStaleIngestionBatches } from "@loupe/db";
import { enqueueProcessing } from "./accept-batch.ts";

/**
 * Re-enqueues stored batches that were never processed (Redis was down when they arrived, or a job
 * exhausted its retries). The job id names the attempt, so a batch already queued for this attempt
 * is not queued twice; processing is idempotent either way. The worker's schedule sweeps every
 * project; `scope.projectId` re-drives one project's batches only.
 */
export async function sweepUnprocessedBatches(olderThanMs = 60_000, scope: { projectId?: string } = {}): Promise<number> {
  // 0 means every unprocessed batch: a cutoff of "now" could miss one stored this very millisecond
  // (receivedAt is the database's clock, rounded to the millisecond).
  const batches = await listStaleIngestionBatches(olderThanMs > 0 ? new Date(Date.now() - olderThanMs) : null, scope);
  for (const b of batches) await enqueueProcessing(b.projectId, b.id, { jobId: `${b.id}-retry-${b.attempts}` });
  return batches.length;
}

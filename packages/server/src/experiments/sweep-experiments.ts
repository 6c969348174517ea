import { findStaleExperimentItems, runExclusively } from "@loupe/db";
import { enqueueUnlessLive, readJobsEnv } from "@loupe/jobs";

/** A pending item this old with no live job lost it (Redis down when the experiment started, or restarted empty). */
const STALE_AFTER_MS = 60_000;

/** Enqueues again the pending experiment items whose job will not run; returns how many. */
export async function sweepExperimentItems(olderThanMs = STALE_AFTER_MS): Promise<number> {
  const stale = await findStaleExperimentItems(olderThanMs, 500);
  const added = await Promise.all(stale.map((i) => enqueueUnlessLive("experiments.item", { projectId: i.projectId, itemId: i.id }, i.id)));
  return added.filter(Boolean).length;
}

/** On the worker's sweep timer, one process at a time (advisory lock). */
export async function runExperimentSweep(): Promise<{ ran: true; result: number } | { ran: false }> {
  return runExclusively(`loupe:experiment-sweep:${readJobsEnv().LOUPE_QUEUE_PREFIX}`, () => sweepExperimentItems());
}

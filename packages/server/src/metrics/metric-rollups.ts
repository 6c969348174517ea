import { backfillMetricRollups, compactMetricRollups, projectsAwaitingRollupBackfill } from "@loupe/db";
import { logger } from "../logger.ts";

// Upkeep of the dashboards' metric rollups (packages/db/src/analytics/rollups). The rows' triggers
// already recorded every change in the merge's own transaction; this only folds those deltas into the
// rollups, so a failure here loses nothing (the deltas stay pending and queries still count them).

/**
 * At most one compaction per project per interval and process: folding after every 100-event batch
 * cost the worker ~25 % of its merge throughput (docs/performance.md), while pending deltas cost
 * queries little (an index range of at most an interval's writes). A skipped project is folded by a
 * trailing timer, so deltas do not wait for the next batch.
 */
const COMPACTION_INTERVAL_MS = 1000;
const lastCompaction = new Map<string, number>();
const trailing = new Map<string, NodeJS.Timeout>();

async function compactNow(projectId: string): Promise<void> {
  lastCompaction.set(projectId, Date.now());
  try {
    await compactMetricRollups(projectId);
  } catch (error) {
    logger.warn({ err: error, projectId }, "metric rollup compaction failed; its deltas stay pending");
  }
}

/** Right after a batch's merge (the worker's ingestion job): folds the project's pending deltas, throttled. Never throws. */
export async function compactRollupsAfterMerge(projectId: string, intervalMs = COMPACTION_INTERVAL_MS): Promise<void> {
  const since = Date.now() - (lastCompaction.get(projectId) ?? 0);
  if (since >= intervalMs) return compactNow(projectId);
  if (trailing.has(projectId)) return;
  const timer = setTimeout(() => {
    trailing.delete(projectId);
    void compactNow(projectId);
  }, intervalMs - since);
  timer.unref();
  trailing.set(projectId, timer);
}

/** Rebuilds rollups from raw rows: the given projects, or every project the migration listed as predating them. */
export async function backfillRollups(projectIds: string[], onProject: (projectId: string, ms: number) => void = () => {}) {
  const targets = projectIds.length > 0 ? projectIds : await projectsAwaitingRollupBackfill();
  for (const projectId of targets) {
    const started = Date.now();
    await backfillMetricRollups(projectId);
    onProject(projectId, Date.now() - started);
  }
  return targets;
}

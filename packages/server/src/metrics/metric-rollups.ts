import { backfillMetricRollups, compactMetricRollups, projectsAwaitingRollupBackfill } from "@loupe/db";
import { logger } from "../logger.ts";

// Upkeep of the dashboards' metric rollups (packages/db/src/analytics/rollups). The rows' triggers
// already recorded every change in the merge's own transaction; this only folds those deltas into the
// rollups, so a failure here loses nothing (the deltas stay pending and queries still count them).

/** Right after a batch's merge (the worker's ingestion job): folds the project's pending deltas. Never throws. */
export async function compactRollupsAfterMerge(projectId: string): Promise<void> {
  try {
    await compactMetricRollups(projectId);
  } catch (error) {
    logger.warn({ err: error, projectId }, "metric rollup compaction failed; its deltas stay pending");
  }
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

import { isEventOfKind } from "@loupe/contracts";
import {
  type EvaluationRuleRow,
  getIngestionBatches,
  insertPendingExecutions,
  listLiveRules,
  matchRuleObservations,
  matchRuleTraces,
} from "@loupe/db";
import { inSample } from "@loupe/domain";
import { enqueueMany } from "@loupe/jobs";
import { logger } from "../logger.ts";
import { parseRuleFilter } from "./rule-filter.ts";

// Which targets a rule evaluates, and their jobs. The log row (unique per rule × target) is written
// first; only rows this call created get a job, whose id is the row's id, so a batch that is retried,
// a trace that is updated, or a backfill that overlaps live data never evaluates a target twice.

/** Targets per rule and run: a backfill is bounded so one click cannot queue millions of judge calls. */
export const BACKFILL_LIMIT = 10_000;
const BATCH_TARGET_LIMIT = 5_000;

type Scope = { ids?: string[]; from?: Date; to?: Date; limit: number };

async function scheduleRule(rule: EvaluationRuleRow, scope: Scope): Promise<number> {
  const filter = parseRuleFilter(rule.target as "trace" | "observation", rule.filter as Record<string, string>).parsed;
  const targets =
    rule.target === "trace"
      ? await matchRuleTraces(rule.projectId, filter, scope)
      : await matchRuleObservations(rule.projectId, filter, scope);
  const sampled = targets.filter((t) => inSample(rule.id, t.id, rule.sampling));
  const created = await insertPendingExecutions(rule.projectId, rule.id, rule.target, sampled);
  await enqueueMany(
    "evals.run",
    created.map((row) => ({
      payload: { projectId: rule.projectId, executionId: row.id },
      jobId: row.id,
      delayMs: rule.delaySeconds * 1000,
    })),
  );
  return created.length;
}

/**
 * After a batch merged: each live rule of the project matched against the traces/observations the batch
 * touched. Called by the worker's ingestion job; a failure here is logged and never fails ingestion.
 */
export async function scheduleEvaluationsForBatch(projectId: string, batchId: string): Promise<number> {
  try {
    const rules = await listLiveRules(projectId);
    if (rules.length === 0) return 0;
    const [batch] = await getIngestionBatches([batchId]);
    if (!batch) return 0;
    const traceIds = new Set<string>();
    const observationIds = new Set<string>();
    for (const event of batch.events) {
      if (isEventOfKind(event, "trace")) traceIds.add(event.body.id);
      else if (isEventOfKind(event, "observation")) {
        observationIds.add(event.body.id);
        if (event.body.traceId) traceIds.add(event.body.traceId);
      }
    }
    let scheduled = 0;
    for (const rule of rules) {
      const ids = [...(rule.target === "trace" ? traceIds : observationIds)].slice(0, BATCH_TARGET_LIMIT);
      if (ids.length > 0) scheduled += await scheduleRule(rule, { ids, limit: BATCH_TARGET_LIMIT });
    }
    return scheduled;
  } catch (error) {
    logger.error({ projectId, batchId, err: (error as Error).message }, "could not schedule evaluations for a batch");
    return 0;
  }
}

/** A rule's backfill window: its existing matching targets (newest first, at most BACKFILL_LIMIT). */
export async function scheduleBackfill(rule: EvaluationRuleRow): Promise<number> {
  if (!rule.backfillFrom || !rule.backfillTo) return 0;
  return scheduleRule(rule, { from: rule.backfillFrom, to: rule.backfillTo, limit: BACKFILL_LIMIT });
}

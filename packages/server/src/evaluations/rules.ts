import {
  EXECUTION_STATUSES,
  type ExecutionStatus,
  type TEvalRule,
  type TEvalRuleBody,
  type TVariableMapping,
  ZVariableMapping,
} from "@loupe/contracts";
import {
  countExecutionsByRule,
  deleteRule,
  type EvaluationRuleRow,
  findLlmConnectionWithSecrets,
  findRule,
  insertRule,
  listLatestEvaluators,
  listRules,
  type RuleWrite,
  updateRule,
} from "@loupe/db";
import { extractVariables, mappingProblems } from "@loupe/domain";
import { z } from "zod";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { badRequest, conflict, notFoundInProject } from "../errors.ts";
import { latestEvaluatorOrThrow } from "./evaluators.ts";
import { parseRuleFilter } from "./rule-filter.ts";
import { scheduleBackfill } from "./schedule.ts";

// Evaluation rules: what an evaluator scores (traces, or observations by type and name, narrowed by the
// tables' filters), how its variables are filled, how much is sampled, and when it runs.

const STATUS_OF = (r: EvaluationRuleRow): TEvalRule["status"] => (!r.enabled ? "inactive" : r.pausedReason ? "paused" : "active");

export function ruleDto(r: EvaluationRuleRow, evaluatorName: string | null, counts: Partial<Record<ExecutionStatus, number>>): TEvalRule {
  const filter = r.filter as Record<string, string>;
  return {
    id: r.id,
    name: r.name,
    evaluatorId: r.evaluatorId,
    evaluatorName,
    target: r.target as TEvalRule["target"],
    observationType:
      r.target === "observation" && filter.type && filter.type !== "ALL" ? (filter.type as TEvalRule["observationType"]) : null,
    filter,
    mapping: z.array(ZVariableMapping).parse(r.mapping),
    sampling: r.sampling,
    delaySeconds: r.delaySeconds,
    runOnNew: r.runOnNew,
    backfill: r.backfillFrom && r.backfillTo ? { from: r.backfillFrom.toISOString(), to: r.backfillTo.toISOString() } : null,
    enabled: r.enabled,
    status: STATUS_OF(r),
    pausedReason: r.pausedReason,
    pausedMessage: r.pausedMessage,
    counts: Object.fromEntries(EXECUTION_STATUSES.map((s) => [s, counts[s] ?? 0])) as TEvalRule["counts"],
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function rulesWithDetails(projectId: string, rows: EvaluationRuleRow[]): Promise<TEvalRule[]> {
  const [evaluators, counts] = await Promise.all([
    listLatestEvaluators(projectId),
    countExecutionsByRule(
      projectId,
      rows.map((r) => r.id),
    ),
  ]);
  const names = new Map(evaluators.map((e) => [e.evaluatorId, e.name]));
  return rows.map((r) =>
    ruleDto(
      r,
      names.get(r.evaluatorId) ?? null,
      Object.fromEntries(counts.filter((c) => c.ruleId === r.id).map((c) => [c.status, c._count._all])),
    ),
  );
}

/** Everything a rule needs to be runnable, checked before anything is written. */
async function checkedWrite(projectId: string, body: TEvalRuleBody): Promise<RuleWrite> {
  const evaluator = await latestEvaluatorOrThrow(projectId, body.evaluatorId);
  if (!evaluator.connectionId || !(await findLlmConnectionWithSecrets(projectId, evaluator.connectionId)))
    throw badRequest(
      `evaluatorId: the judge's LLM connection of "${evaluator.name}" was deleted; pick another connection in the evaluator first`,
    );
  const problems = mappingProblems(extractVariables(evaluator.prompt), body.mapping);
  if (problems[0]) throw badRequest(`${problems[0].field}: ${problems[0].message}`);
  const { stored } = parseRuleFilter(body.target, body.filter, body.observationType);
  return {
    name: body.name,
    evaluatorId: evaluator.evaluatorId,
    target: body.target,
    filter: stored,
    mapping: body.mapping.map(normalizeMapping),
    sampling: body.sampling,
    delaySeconds: body.delaySeconds,
    runOnNew: body.runOnNew,
    backfillFrom: body.backfill ? new Date(body.backfill.from) : null,
    backfillTo: body.backfill ? new Date(body.backfill.to) : null,
    enabled: body.enabled,
    pausedReason: null,
    pausedMessage: null,
  };
}

const normalizeMapping = (m: TVariableMapping): TVariableMapping => ({
  variable: m.variable,
  object: m.object,
  objectName: m.object === "observation" ? m.objectName?.trim() || null : null,
  source: m.source,
  jsonPath: m.jsonPath?.trim() || null,
});

export async function listEvaluationRules(projectId: string): Promise<{ data: TEvalRule[] }> {
  const { rows } = await listRules(projectId);
  return { data: await rulesWithDetails(projectId, rows) };
}

export async function getEvaluationRule(projectId: string, id: string): Promise<TEvalRule> {
  const row = await findRule(projectId, id);
  if (!row) throw notFoundInProject("Evaluation rule", id);
  const [rule] = await rulesWithDetails(projectId, [row]);
  return rule as TEvalRule;
}

export async function createEvaluationRule(projectId: string, body: TEvalRuleBody): Promise<TEvalRule> {
  const row = await insertRule(projectId, await checkedWrite(projectId, body));
  if (row === "duplicate") throw conflict(`An evaluation rule named "${body.name}" already exists in this project`);
  if (row.enabled && row.backfillFrom && row.backfillTo) await scheduleBackfill(row);
  return getEvaluationRule(projectId, row.id);
}

/** Replaces the rule's settings (a new backfill window is scheduled; targets already evaluated are skipped). */
export async function updateEvaluationRule(projectId: string, id: string, body: TEvalRuleBody): Promise<TEvalRule> {
  const row = await updateRule(projectId, id, await checkedWrite(projectId, body));
  if (row === "duplicate") throw conflict(`An evaluation rule named "${body.name}" already exists in this project`);
  if (!row) throw notFoundInProject("Evaluation rule", id);
  if (row.enabled && row.backfillFrom && row.backfillTo) await scheduleBackfill(row);
  return getEvaluationRule(projectId, id);
}

/** Pause (enabled false) or resume; resuming clears an error pause, after the cause was fixed. */
export async function setEvaluationRuleEnabled(projectId: string, id: string, enabled: boolean): Promise<TEvalRule> {
  const current = await findRule(projectId, id);
  if (!current) throw notFoundInProject("Evaluation rule", id);
  if (enabled) {
    const evaluator = await latestEvaluatorOrThrow(projectId, current.evaluatorId);
    if (!evaluator.connectionId || !(await findLlmConnectionWithSecrets(projectId, evaluator.connectionId)))
      throw badRequest(`enabled: the judge's LLM connection of "${evaluator.name}" was deleted; fix the evaluator before resuming`);
  }
  const row = await updateRule(projectId, id, { enabled, pausedReason: null, pausedMessage: null });
  if (!row || row === "duplicate") throw notFoundInProject("Evaluation rule", id);
  if (enabled && row.backfillFrom && row.backfillTo) await scheduleBackfill(row);
  return getEvaluationRule(projectId, id);
}

export async function deleteEvaluationRule(projectId: string, id: string, audit: AuditContext): Promise<{ message: string }> {
  if (!(await deleteRule(projectId, id))) throw notFoundInProject("Evaluation rule", id);
  await recordAudit(undefined, audit, { action: "evaluationRule.deleted", projectId, resource: { type: "evaluationRule", id } });
  return { message: "Evaluation rule successfully deleted" };
}

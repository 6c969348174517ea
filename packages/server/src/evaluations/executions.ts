import type { ExecutionStatus, TEvalExecution, TEvalExecutionsResponse, ZEvalExecutionsQuery } from "@loupe/contracts";
import { dailyRuleScores, type EvaluationExecutionRow, findRule, listExecutions } from "@loupe/db";
import type { z } from "zod";
import { notFoundInProject } from "../errors.ts";

const dto = (r: EvaluationExecutionRow): TEvalExecution => ({
  id: r.id,
  status: r.status as ExecutionStatus,
  targetType: r.targetType as TEvalExecution["targetType"],
  targetId: r.targetId,
  traceId: r.traceId,
  evaluatorVersionId: r.evaluatorVersionId,
  value: r.value,
  stringValue: r.stringValue,
  reasoning: r.reasoning,
  error: r.error,
  attempts: r.attempts,
  scoreId: r.scoreId,
  judgeTraceId: r.judgeTraceId,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

/** A rule's execution log (newest first) and its scores per day. */
export async function listRuleExecutions(
  projectId: string,
  ruleId: string,
  query: z.output<typeof ZEvalExecutionsQuery>,
): Promise<TEvalExecutionsResponse> {
  if (!(await findRule(projectId, ruleId))) throw notFoundInProject("Evaluation rule", ruleId);
  const [{ rows, total }, daily] = await Promise.all([
    listExecutions(projectId, ruleId, { status: query.status, skip: (query.page - 1) * query.limit, take: query.limit }),
    dailyRuleScores(projectId, ruleId),
  ]);
  return { data: rows.map(dto), total, daily };
}

import type { TMappingPreviewBody, TMappingPreviewResponse } from "@loupe/contracts";
import { findLatestEvaluator, findTraceFields, matchRuleObservations, matchRuleTraces } from "@loupe/db";
import { fillVariables } from "@loupe/domain";
import { notFoundInProject } from "../errors.ts";
import { fillMapping } from "./fill-variables.ts";
import { parseRuleFilter } from "./rule-filter.ts";

/**
 * The rule editor's live preview: the newest target matching the filter (or one of the given trace),
 * each variable's value or the reason it has none, and the judge prompt as it would be sent.
 */
export async function previewMapping(projectId: string, body: TMappingPreviewBody): Promise<TMappingPreviewResponse> {
  const { parsed } = parseRuleFilter(body.target, body.filter, body.observationType);
  if (body.traceId && !(await findTraceFields(projectId, body.traceId))) throw notFoundInProject("Trace", body.traceId);
  const scope = { limit: 1 };
  const [target] =
    body.target === "trace"
      ? await matchRuleTraces(projectId, parsed, { ...scope, ids: body.traceId ? [body.traceId] : undefined })
      : await matchRuleObservations(projectId, { ...parsed, ...(body.traceId ? { traceId: body.traceId } : {}) }, scope);
  const evaluator = body.evaluatorId ? await findLatestEvaluator(projectId, body.evaluatorId) : null;
  if (!target) {
    return {
      traceId: null,
      targetId: null,
      values: body.mapping.map((m) => ({ variable: m.variable, value: null, problem: "no matching data yet" })),
      prompt: null,
    };
  }
  const values = await fillMapping(projectId, { targetType: body.target, targetId: target.id, traceId: target.traceId }, body.mapping);
  const prompt = evaluator
    ? fillVariables(evaluator.prompt, Object.fromEntries(values.flatMap((v) => (v.value === null ? [] : [[v.variable, v.value]]))))
    : null;
  return { traceId: target.traceId, targetId: target.id, values, prompt };
}

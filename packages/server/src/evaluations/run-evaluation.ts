import { type EvalTarget, type LlmErrorKind, ZVariableMapping } from "@loupe/contracts";
import {
  type EvaluationExecutionRow,
  findExecution,
  findLatestEvaluator,
  findRule,
  findTraceFields,
  pauseEvaluatorRules,
  pauseRule,
  updateExecution,
  writeScoreNow,
} from "@loupe/db";
import { JOB_CATALOG } from "@loupe/jobs";
import { z } from "zod";
import { evalEnv } from "../env.ts";
import { DomainError } from "../errors.ts";
import { LlmCallError } from "../llm/client.ts";
import { llmClientForConnection } from "../llm/connections.ts";
import { fillMapping } from "./fill-variables.ts";
import { evalScoreRecord, judge, judgeRateLimitRetry } from "./judge.ts";

// One judge call for one execution-log row. Outcomes:
// - done: a score (source EVAL) on the target, linked to the rule, the evaluator version and the judge trace;
// - terminal judge errors (bad key, unknown model, refused request, deleted connection): the rule is
//   paused with the reason and the row fails, with no retry;
// - transient ones (429, 5xx, timeout, network, an answer that is not the verdict): thrown, so BullMQ
//   retries with backoff, until the last attempt fails the row with the error;
// - bad input (a variable that cannot be filled): the row fails with the problem, the rule keeps running.

const TERMINAL: readonly LlmErrorKind[] = ["auth", "unknown_model", "bad_request", "blocked_url"];
const MAX_ATTEMPTS = JOB_CATALOG["evals.run"].attempts;

export type EvaluationOutcome = "done" | "failed" | "skipped" | "retry";

/** Thrown so the queue retries the job (its message is the row's last error). */
export class RetryableEvaluationError extends Error {}

async function finish(
  projectId: string,
  id: string,
  status: "DONE" | "FAILED" | "SKIPPED",
  patch: Parameters<typeof updateExecution>[2] = {},
) {
  await updateExecution(projectId, id, { ...patch, status, finishedAt: new Date() });
}

/** A transient failure: retried while attempts remain, else the row fails with it. */
async function transient(execution: EvaluationExecutionRow, message: string, judgeTraceId?: string): Promise<EvaluationOutcome> {
  const last = execution.attempts + 1 >= MAX_ATTEMPTS;
  await updateExecution(execution.projectId, execution.id, {
    incrementAttempts: true,
    error: message,
    ...(judgeTraceId ? { judgeTraceId } : {}),
    ...(last ? { status: "FAILED", finishedAt: new Date() } : {}),
  });
  if (last) return "failed";
  throw new RetryableEvaluationError(message);
}

export async function runEvaluation(projectId: string, executionId: string): Promise<EvaluationOutcome> {
  const execution = await findExecution(projectId, executionId);
  if (execution?.status !== "PENDING") return "skipped";
  const rule = await findRule(projectId, execution.ruleId);
  if (!rule) return finish(projectId, executionId, "SKIPPED", { error: "the rule was deleted" }).then(() => "skipped");
  if (!rule.enabled || rule.pausedReason) {
    await finish(projectId, executionId, "SKIPPED", { error: `the rule was paused${rule.pausedMessage ? `: ${rule.pausedMessage}` : ""}` });
    return "skipped";
  }
  const evaluator = await findLatestEvaluator(projectId, rule.evaluatorId);
  if (!evaluator) return finish(projectId, executionId, "SKIPPED", { error: "the evaluator was deleted" }).then(() => "skipped");

  const mapping = z.array(ZVariableMapping).parse(rule.mapping);
  const filled = await fillMapping(
    projectId,
    { targetType: execution.targetType as EvalTarget, targetId: execution.targetId, traceId: execution.traceId },
    mapping,
  );
  const problems = filled.filter((f) => f.problem);
  if (problems.length > 0) {
    await finish(projectId, executionId, "FAILED", {
      evaluatorVersionId: evaluator.id,
      error: `Variable mapping: ${problems.map((p) => `{{${p.variable}}}: ${p.problem}`).join("; ")}`,
    });
    return "failed";
  }

  const stop = async (reason: string, message: string) => {
    await pauseRule(projectId, rule.id, reason, message);
    await finish(projectId, executionId, "FAILED", { evaluatorVersionId: evaluator.id, error: message });
    return "failed" as const;
  };
  if (!evaluator.connectionId) return stop("connection_missing", "The evaluator has no judge connection; pick one and resume the rule");
  let client: Awaited<ReturnType<typeof llmClientForConnection>>["client"];
  try {
    ({ client } = await llmClientForConnection(projectId, evaluator.connectionId, {
      timeoutMs: evalEnv().LOUPE_EVAL_TIMEOUT_MS,
      rateLimitRetry: judgeRateLimitRetry(),
    }));
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) {
      const message = `The judge's LLM connection of "${evaluator.name}" was deleted; pick another connection and resume the rule`;
      await pauseEvaluatorRules(projectId, evaluator.evaluatorId, "connection_deleted", message);
      return stop("connection_deleted", message);
    }
    if (error instanceof DomainError) return stop("connection_unusable", error.message);
    throw error;
  }

  const values = Object.fromEntries(filled.map((f) => [f.variable, f.value ?? ""]));
  let answer: Awaited<ReturnType<typeof judge>>;
  try {
    answer = await judge(projectId, {
      evaluator,
      client,
      connectionId: evaluator.connectionId,
      values,
      traceId: `judge-${execution.id}-${execution.attempts}`,
      metadata: {
        evaluationRuleId: execution.ruleId,
        executionId: execution.id,
        targetTraceId: execution.traceId,
        targetId: execution.targetId,
      },
    });
  } catch (error) {
    if (!(error instanceof LlmCallError)) throw error;
    if (TERMINAL.includes(error.error.kind)) return stop(error.error.kind, `Judge call failed: ${error.error.message}`);
    return transient(execution, `Judge call failed (attempt ${execution.attempts + 1} of ${MAX_ATTEMPTS}): ${error.error.message}`);
  }
  const endedAt = new Date();
  const { judgeTraceId } = answer;
  if (!answer.ok) return transient(execution, `The judge's answer is not a verdict: ${answer.error}`, judgeTraceId);
  const { verdict } = answer;

  const scoreId = `eval-${execution.id}`;
  const target = await findTraceFields(projectId, execution.traceId);
  await writeScoreNow(
    projectId,
    evalScoreRecord({
      id: scoreId,
      evaluator,
      answer,
      traceId: execution.traceId,
      observationId: execution.targetType === "observation" ? execution.targetId : null,
      environment: target?.environment ?? "default",
      timestamp: endedAt,
      metadata: { evaluationRuleId: rule.id, evaluationRuleName: rule.name, executionId: execution.id },
    }),
  );
  await finish(projectId, executionId, "DONE", {
    evaluatorVersionId: evaluator.id,
    scoreId,
    judgeTraceId,
    value: verdict.value,
    stringValue: verdict.stringValue,
    reasoning: verdict.reasoning,
    error: null,
  });
  return "done";
}

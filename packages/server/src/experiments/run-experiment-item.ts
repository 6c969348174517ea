import { EXPERIMENT_ENVIRONMENT, type LlmErrorKind, type TLlmCall, type TLlmResult } from "@loupe/contracts";
import {
  completeExperimentIfFinished,
  countExperimentItemAttempt,
  type ExperimentItemRow,
  findDatasetExperiment,
  findDatasetItemVersion,
  findEvaluatorVersion,
  findExperimentItem,
  finishExperimentItem,
  upsertExperimentRunItem,
  writeScoreNow,
} from "@loupe/db";
import { describeMissingInput, type ExperimentSources, experimentVariable, fillExperimentPrompt } from "@loupe/domain";
import { JOB_CATALOG } from "@loupe/jobs";
import { evalEnv } from "../env.ts";
import { DomainError } from "../errors.ts";
import { withConnectionLimits } from "../evaluations/connection-limits.ts";
import { evalScoreRecord, judge, judgeRateLimitRetry, recordCallTrace } from "../evaluations/judge.ts";
import { LlmCallError } from "../llm/client.ts";
import { llmClientForConnection } from "../llm/connections.ts";
import { type StoredExperimentConfig, ZStoredExperimentConfig } from "./experiments.ts";

// One dataset item of a UI experiment (the `experiments.item` job). Safe to run twice: ids are derived
// from the experiment item (trace, run item, scores), and a finished or cancelled item is skipped.
// - the model call fails for good (bad key, unknown model, refused request, deleted connection), or the
//   item cannot fill the prompt: the item fails with the reason, the others go on;
// - transient failures (429 beyond Retry-After, 5xx, timeout, network): thrown for BullMQ's backoff,
//   the last attempt fails the item;
// - an evaluator that fails is noted on the item (which is done: its trace is linked).

const TERMINAL: readonly LlmErrorKind[] = ["auth", "unknown_model", "bad_request", "blocked_url"];
const MAX_ATTEMPTS = JOB_CATALOG["experiments.item"].attempts;

type ExperimentItemOutcome = "done" | "failed" | "skipped";

/** Thrown so the queue retries the item with backoff. */
export class RetryableExperimentError extends Error {}

export async function runExperimentItem(projectId: string, itemId: string): Promise<ExperimentItemOutcome> {
  const item = await findExperimentItem(projectId, itemId);
  if (item?.status !== "PENDING") return "skipped";
  const experiment = await findDatasetExperiment(projectId, item.experimentId);
  if (experiment?.status !== "RUNNING") return "skipped";
  const config = ZStoredExperimentConfig.parse(experiment.config) as StoredExperimentConfig;

  const fail = async (error: string) => {
    await finishExperimentItem(projectId, item.id, { status: "FAILED", error, traceId: null });
    await completeExperimentIfFinished(projectId, experiment.id);
    return "failed" as const;
  };
  const version = await findDatasetItemVersion(projectId, item.datasetItemId, item.datasetItemVersion);
  if (!version) return fail("The dataset item was deleted");
  const filled = fillExperimentPrompt(config.prompt.content, version.input);
  if (filled.missing.length > 0) return fail(describeMissingInput(filled.missing, version.input));

  let client: Awaited<ReturnType<typeof llmClientForConnection>>["client"];
  try {
    ({ client } = await llmClientForConnection(projectId, config.connectionId, {
      timeoutMs: evalEnv().LOUPE_EVAL_TIMEOUT_MS,
      rateLimitRetry: judgeRateLimitRetry(),
    }));
  } catch (error) {
    if (error instanceof DomainError && error.status === 404)
      return fail(`The LLM connection "${config.connectionName}" was deleted; start the experiment again with another one`);
    if (error instanceof DomainError) return fail(error.message);
    throw error;
  }

  const call: TLlmCall = { model: config.model, messages: filled.messages, params: config.params };
  await countExperimentItemAttempt(projectId, item.id);
  const startedAt = new Date();
  let result: TLlmResult;
  try {
    result = await withConnectionLimits(config.connectionId, () => client.complete(call));
  } catch (error) {
    if (!(error instanceof LlmCallError)) throw error;
    if (TERMINAL.includes(error.error.kind)) return fail(`Model call failed: ${error.error.message}`);
    const attempt = item.attempts + 1;
    if (attempt >= MAX_ATTEMPTS) return fail(`Model call failed (attempt ${attempt} of ${MAX_ATTEMPTS}): ${error.error.message}`);
    throw new RetryableExperimentError(error.error.message);
  }
  const endedAt = new Date();
  const output = result.toolCalls.length > 0 ? result.toolCalls : result.text;
  const traceId = `exp-${item.id}`;
  await recordCallTrace(projectId, {
    traceId,
    name: "experiment-item-run",
    environment: EXPERIMENT_ENVIRONMENT,
    generationName: config.prompt.name,
    metadata: { experimentId: experiment.id, runName: experiment.runName, datasetItemId: item.datasetItemId },
    call,
    result,
    startedAt,
    endedAt,
    traceInput: version.input,
    traceOutput: output,
    prompt: { name: config.prompt.name, version: config.prompt.version },
  });
  // Cancelled while the model answered: the trace stays, the run does not take the item.
  if ((await findExperimentItem(projectId, item.id))?.status !== "PENDING") return "skipped";
  await upsertExperimentRunItem(projectId, {
    id: item.id,
    runId: experiment.runId,
    datasetItemId: item.datasetItemId,
    datasetItemVersion: item.datasetItemVersion,
    traceId,
    observationId: `${traceId}-call`,
  });

  const sources: ExperimentSources = { input: version.input, expectedOutput: version.expectedOutput, metadata: version.metadata, output };
  const errors: string[] = [];
  for (const evaluator of config.evaluators) {
    const problem = await runItemEvaluator(projectId, { item, experimentId: experiment.id, traceId, evaluator, sources, endedAt });
    if (problem) errors.push(`${evaluator.name}: ${problem}`);
  }
  await finishExperimentItem(projectId, item.id, { status: "DONE", error: errors.length > 0 ? errors.join("; ") : null, traceId });
  await completeExperimentIfFinished(projectId, experiment.id);
  return "done";
}

/** Judges one item with one evaluator and writes its EVAL score on the item's trace; returns the problem, if any. */
async function runItemEvaluator(
  projectId: string,
  input: {
    item: ExperimentItemRow;
    experimentId: string;
    traceId: string;
    evaluator: StoredExperimentConfig["evaluators"][number];
    sources: ExperimentSources;
    endedAt: Date;
  },
): Promise<string | null> {
  const { item, evaluator } = input;
  const row = await findEvaluatorVersion(projectId, evaluator.versionId);
  if (!row) return "the evaluator was deleted";
  const values: Record<string, string> = {};
  for (const m of evaluator.mapping) {
    const mapped = experimentVariable(input.sources, m);
    if (!mapped.ok) return `{{${m.variable}}}: ${mapped.problem}`;
    values[m.variable] = mapped.value;
  }
  if (!row.connectionId) return "the evaluator has no judge connection";
  try {
    const { client } = await llmClientForConnection(projectId, row.connectionId, {
      timeoutMs: evalEnv().LOUPE_EVAL_TIMEOUT_MS,
      rateLimitRetry: judgeRateLimitRetry(),
    });
    const answer = await judge(projectId, {
      evaluator: row,
      client,
      connectionId: row.connectionId,
      values,
      traceId: `judge-${item.id}-${row.id}`,
      metadata: { experimentId: input.experimentId, experimentItemId: item.id, targetTraceId: input.traceId },
    });
    if (!answer.ok) return `the judge's answer is not a verdict: ${answer.error}`;
    await writeScoreNow(
      projectId,
      evalScoreRecord({
        id: `exp-${item.id}-${row.evaluatorId}`,
        evaluator: row,
        answer,
        traceId: input.traceId,
        observationId: null,
        environment: EXPERIMENT_ENVIRONMENT,
        timestamp: input.endedAt,
        metadata: { experimentId: input.experimentId, experimentItemId: item.id },
      }),
    );
    return null;
  } catch (error) {
    if (error instanceof LlmCallError) return `judge call failed: ${error.error.message}`;
    if (error instanceof DomainError) return error.status === 404 ? "the judge's LLM connection was deleted" : error.message;
    throw error;
  }
}

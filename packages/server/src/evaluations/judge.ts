import { randomUUID } from "node:crypto";
import {
  EVALUATION_ENVIRONMENT,
  parseIngestionEvent,
  type TAcceptedEvent,
  type TEvalOutputDefinition,
  type TLlmCall,
  type TLlmResult,
  ZEvalOutputDefinition,
} from "@loupe/contracts";
import type { EvaluatorRow, ScoreRecord } from "@loupe/db";
import { fillVariables, parseVerdict, type Verdict, verdictInstruction, verdictJsonSchema } from "@loupe/domain";
import { evalEnv } from "../env.ts";
import { storeAndEnqueue } from "../ingestion/accept-batch.ts";
import type { LlmClient, RateLimitRetry } from "../llm/client.ts";
import { withConnectionLimits } from "./connection-limits.ts";

// One judge call of an evaluator version with its variables filled: the call within the connection's
// limits, the verdict parsed from the answer, and the call recorded as its own trace in the
// `loupe-evaluation` environment. Online rules (run-evaluation.ts) and UI experiments both judge here.

/** Judge and experiment calls wait out a provider's Retry-After (capped) before their queue retries. */
export const judgeRateLimitRetry = (): RateLimitRetry => ({ retries: 2, maxWaitMs: evalEnv().LOUPE_EVAL_RETRY_AFTER_MAX_MS });

type JudgeAnswer =
  | { ok: true; verdict: Verdict; definition: TEvalOutputDefinition; judgeTraceId: string }
  | { ok: false; error: string; judgeTraceId: string };

/**
 * Calls the judge. A failed call throws the client's LlmCallError (the caller decides: retry, pause,
 * report); an answer that is not a verdict is `ok: false` with its trace recorded.
 */
export async function judge(
  projectId: string,
  input: {
    evaluator: EvaluatorRow;
    client: LlmClient;
    connectionId: string;
    values: Record<string, string>;
    /** The judge trace's id (deterministic per attempt, so a re-run writes the same trace). */
    traceId: string;
    metadata: Record<string, unknown>;
  },
): Promise<JudgeAnswer> {
  const { evaluator } = input;
  const definition = ZEvalOutputDefinition.parse(evaluator.outputDefinition) as TEvalOutputDefinition;
  const call: TLlmCall = {
    model: evaluator.model ?? "",
    messages: [{ role: "user", content: `${fillVariables(evaluator.prompt, input.values)}\n\n${verdictInstruction(definition)}` }],
    params: { temperature: 0 },
    structuredOutput: { name: "verdict", schema: verdictJsonSchema(definition), strict: true },
  };
  const startedAt = new Date();
  const result = await withConnectionLimits(input.connectionId, () => input.client.complete(call));
  const endedAt = new Date();
  const answer = result.toolCalls[0]?.arguments ? safeObject(result.toolCalls[0].arguments) : result.text;
  const parsed = parseVerdict(answer ?? result.text, definition);
  await recordJudgeTrace(projectId, {
    traceId: input.traceId,
    name: `Evaluate: ${evaluator.name} v${evaluator.version}`,
    metadata: input.metadata,
    call,
    result,
    startedAt,
    endedAt,
    verdict: parsed.ok ? parsed.verdict : null,
  });
  return parsed.ok
    ? { ok: true, verdict: parsed.verdict, definition, judgeTraceId: input.traceId }
    : { ok: false, error: parsed.error, judgeTraceId: input.traceId };
}

/** The EVAL score of a verdict, naming the evaluator version and the judge trace (plus the caller's links). */
export function evalScoreRecord(input: {
  id: string;
  evaluator: EvaluatorRow;
  answer: Extract<JudgeAnswer, { ok: true }>;
  traceId: string;
  observationId: string | null;
  environment: string;
  timestamp: Date;
  metadata: Record<string, unknown>;
}): ScoreRecord {
  const { evaluator, answer } = input;
  return {
    id: input.id,
    name: evaluator.name,
    value: answer.verdict.value,
    stringValue: answer.verdict.stringValue,
    dataType: answer.definition.dataType,
    source: "EVAL",
    traceId: input.traceId,
    observationId: input.observationId,
    sessionId: null,
    datasetRunId: null,
    comment: answer.verdict.reasoning || null,
    metadata: {
      ...input.metadata,
      evaluatorId: evaluator.evaluatorId,
      evaluatorVersion: evaluator.version,
      evaluatorVersionId: evaluator.id,
      judgeTraceId: answer.judgeTraceId,
    },
    configId: null,
    queueId: null,
    environment: input.environment,
    timestamp: input.timestamp,
  };
}

function safeObject(args: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(args);
    return v && typeof v === "object" && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** One model call as a trace with one generation, written through ingestion (so it is priced like any generation). */
export async function recordCallTrace(
  projectId: string,
  input: {
    traceId: string;
    name: string;
    environment: string;
    generationName: string;
    metadata: Record<string, unknown>;
    call: TLlmCall;
    result: TLlmResult;
    startedAt: Date;
    endedAt: Date;
    /** The trace's input and output (the generation keeps the messages and the raw answer). */
    traceInput: unknown;
    traceOutput: unknown;
    prompt?: { name: string; version: number };
  },
): Promise<void> {
  const { traceId, call, result, startedAt, endedAt } = input;
  const raw = [
    {
      id: randomUUID(),
      type: "trace-create",
      timestamp: endedAt.toISOString(),
      body: {
        id: traceId,
        name: input.name,
        timestamp: startedAt.toISOString(),
        environment: input.environment,
        input: input.traceInput,
        output: input.traceOutput,
        metadata: input.metadata,
      },
    },
    {
      id: randomUUID(),
      type: "generation-create",
      timestamp: endedAt.toISOString(),
      body: {
        id: `${traceId}-call`,
        traceId,
        name: input.generationName,
        startTime: startedAt.toISOString(),
        endTime: endedAt.toISOString(),
        environment: input.environment,
        model: result.model || call.model,
        // Parameters are scalars on the wire; a stop list travels as its JSON text.
        modelParameters: Object.fromEntries(Object.entries(call.params).map(([k, v]) => [k, Array.isArray(v) ? JSON.stringify(v) : v])),
        input: call.messages,
        output: result.toolCalls.length > 0 ? result.toolCalls : result.text,
        usageDetails: { input: result.usage.input, output: result.usage.output, total: result.usage.total },
        metadata: input.metadata,
        ...(input.prompt ? { promptName: input.prompt.name, promptVersion: input.prompt.version } : {}),
      },
    },
  ];
  const events = raw.map(parseIngestionEvent).flatMap((r) => (r.ok ? [r.event as TAcceptedEvent] : []));
  await storeAndEnqueue(projectId, "ingestion", events);
}

function recordJudgeTrace(
  projectId: string,
  input: {
    traceId: string;
    name: string;
    metadata: Record<string, unknown>;
    call: TLlmCall;
    result: TLlmResult;
    startedAt: Date;
    endedAt: Date;
    verdict: Verdict | null;
  },
) {
  return recordCallTrace(projectId, {
    ...input,
    environment: EVALUATION_ENVIRONMENT,
    generationName: "judge",
    traceInput: input.call.messages,
    traceOutput: input.verdict ?? input.result.text,
  });
}

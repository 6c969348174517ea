import { randomUUID } from "node:crypto";
import { type TEvalRuleBody, ZEvalRuleBody, ZUpsertLlmConnectionBody } from "@loupe/contracts";
import { prisma } from "@loupe/db";
import { libraryTemplate } from "@loupe/domain";
import { closeQueues, getQueue } from "@loupe/jobs";
import { type FakeLlmServer, startFakeOpenAI } from "@loupe/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { acceptIngestionBatch } from "../ingestion/accept-batch.ts";
import { processIngestionBatch } from "../ingestion/process-batch.ts";
import { createLlmConnection, deleteLlmConnection } from "../llm/connections.ts";
import { createProjectWithKeys, TEST_AUDIT } from "../testing.ts";
import { withConnectionLimits } from "./connection-limits.ts";
import { createEvaluator } from "./evaluators.ts";
import { listRuleExecutions } from "./executions.ts";
import { previewMapping } from "./preview.ts";
import { createEvaluationRule, getEvaluationRule, setEvaluationRuleEnabled } from "./rules.ts";
import { RetryableEvaluationError, runEvaluation } from "./run-evaluation.ts";
import { scheduleEvaluationsForBatch } from "./schedule.ts";

// Short enough for the timeout case; read once, at the first judge call.
process.env.LOUPE_EVAL_TIMEOUT_MS = "3000";

let judge: FakeLlmServer;
beforeAll(async () => {
  judge = await startFakeOpenAI();
});
afterAll(async () => {
  await judge.close();
  await closeQueues();
});

const ev = (type: string, body: Record<string, unknown>) => ({ id: randomUUID(), type, timestamp: new Date().toISOString(), body });

/** Ingests and merges like the worker, then runs the worker's scheduling hook; returns what it scheduled. */
async function ingest(projectId: string, batch: unknown[]): Promise<number> {
  const result = await acceptIngestionBatch({ projectId, scope: "project" }, { batch });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const stored = await prisma.ingestionBatch.findMany({ where: { projectId, processedAt: null } });
  let scheduled = 0;
  for (const b of stored) {
    await processIngestionBatch(b.id);
    scheduled += await scheduleEvaluationsForBatch(projectId, b.id);
  }
  return scheduled;
}

/** What the queue would do: run a job again after each retryable failure, up to `times` attempts. */
async function runWithRetries(projectId: string, executionId: string, times = 5) {
  for (let i = 0; i < times; i++) {
    try {
      return await runEvaluation(projectId, executionId);
    } catch (error) {
      if (!(error instanceof RetryableEvaluationError)) throw error;
    }
  }
  throw new Error("still retrying");
}

async function setup(over: Partial<TEvalRuleBody> = {}) {
  const { project } = await createProjectWithKeys();
  const connection = await createLlmConnection(
    project.id,
    ZUpsertLlmConnectionBody.parse({ provider: "judge", adapter: "openai", secretKey: "test-key", baseURL: judge.url }),
    TEST_AUDIT,
  );
  const template = libraryTemplate("answer-relevance");
  if (!template) throw new Error("library template missing");
  const evaluator = await createEvaluator(project.id, {
    name: "relevance",
    prompt: template.prompt,
    outputDefinition: template.outputDefinition,
    connectionId: connection.id,
    model: "gpt-4o-mini",
    libraryKey: template.key,
  });
  const rule = await createEvaluationRule(
    project.id,
    ZEvalRuleBody.parse({
      name: "relevance on chat",
      evaluatorId: evaluator.evaluatorId,
      target: "trace",
      filter: { name: "chat" },
      mapping: [
        { variable: "input", object: "trace", source: "input", jsonPath: "$.question" },
        { variable: "output", object: "trace", source: "output" },
      ],
      ...over,
    }),
  );
  return { projectId: project.id, connection, evaluator, rule };
}

const chatTrace = (id: string, name = "chat") => ev("trace-create", { id, name, input: { question: "What is 2+2?" }, output: "4" });
const executions = (projectId: string, ruleId: string) =>
  prisma.evaluationExecution.findMany({ where: { projectId, ruleId }, orderBy: { createdAt: "asc" } });

describe("LLM-as-a-judge on new traces", () => {
  it("scores a matching trace once: a score with source EVAL, reasoning, rule, version and its own judge trace", async () => {
    const { projectId, rule, evaluator } = await setup();
    const traceId = randomUUID();
    judge.reset();
    judge.reply({ json: { reasoning: "It answers the sum directly.", score: 0.9 }, usage: { input: 120, output: 14 } });
    expect(await ingest(projectId, [chatTrace(traceId), chatTrace(randomUUID(), "other")])).toBe(1);
    // The same trace again (an update, a retried batch): no second evaluation.
    expect(await ingest(projectId, [ev("trace-create", { id: traceId, name: "chat", metadata: { later: true } })])).toBe(0);

    const [execution] = await executions(projectId, rule.id);
    if (!execution) throw new Error("no execution");
    // The job of the row is queued under the row's id (BullMQ dedupes it).
    expect(await getQueue("evals.run").getJobState(execution.id)).not.toBe("unknown");
    expect(await runEvaluation(projectId, execution.id)).toBe("done");
    expect(await runEvaluation(projectId, execution.id)).toBe("skipped");
    expect(judge.requests).toHaveLength(1);

    const prompt = JSON.stringify(judge.requests[0]?.body);
    expect(prompt).toContain("What is 2+2?");
    expect(judge.requests[0]?.body).toMatchObject({ response_format: { type: "json_schema" }, temperature: 0 });

    const score = await prisma.score.findFirstOrThrow({ where: { projectId, traceId } });
    expect(score).toMatchObject({
      name: "relevance",
      value: 0.9,
      source: "EVAL",
      dataType: "NUMERIC",
      comment: "It answers the sum directly.",
    });
    const meta = score.metadata as Record<string, unknown>;
    expect(meta).toMatchObject({ evaluationRuleId: rule.id, evaluatorVersion: 1, evaluatorVersionId: evaluator.id });

    // The judge trace: its own batch in the evaluation environment, with the call's tokens and cost.
    for (const b of await prisma.ingestionBatch.findMany({ where: { projectId, processedAt: null } })) await processIngestionBatch(b.id);
    const judgeTrace = await prisma.trace.findFirstOrThrow({ where: { projectId, id: meta.judgeTraceId as string } });
    expect(judgeTrace.environment).toBe("loupe-evaluation");
    const generation = await prisma.observation.findFirstOrThrow({ where: { projectId, traceId: judgeTrace.id } });
    expect(generation).toMatchObject({ type: "GENERATION", inputTokens: 120, outputTokens: 14 });
    expect(Number(generation.totalCost)).toBeGreaterThan(0);
    // The judge's own trace never triggers a rule.
    const log = await listRuleExecutions(projectId, rule.id, { page: 1, limit: 50 });
    expect(log.data.map((e) => [e.status, e.reasoning])).toEqual([["DONE", "It answers the sum directly."]]);
    expect(log.daily[0]).toMatchObject({ count: 1, average: 0.9 });
  });

  it("retries 429, 500, timeouts and malformed JSON, then succeeds; fails the row after the last attempt", async () => {
    const { projectId, rule } = await setup();
    judge.reset();
    judge.fail({ kind: "status", status: 429, retryAfterSeconds: 1 });
    judge.fail({ kind: "status", status: 500 });
    judge.fail({ kind: "malformed-json" });
    // The malformed answer takes a scripted reply too (it renders it broken), so two.
    judge.reply({ json: { reasoning: "ok", score: 1 } }, { json: { reasoning: "ok", score: 1 } });
    await ingest(projectId, [chatTrace(randomUUID())]);
    const [execution] = await executions(projectId, rule.id);
    expect(await runWithRetries(projectId, execution?.id as string)).toBe("done");
    expect(judge.requests).toHaveLength(4);
    const done = await prisma.evaluationExecution.findUniqueOrThrow({ where: { id: execution?.id } });
    // The 429 carried Retry-After: the client waited it out and tried again within the same attempt.
    expect(done).toMatchObject({ status: "DONE", attempts: 2, value: 1 });

    judge.reset();
    judge.fail({ kind: "status", status: 503 }, 5);
    await ingest(projectId, [chatTrace(randomUUID())]);
    const second = (await executions(projectId, rule.id))[1];
    expect(await runWithRetries(projectId, second?.id as string)).toBe("failed");
    const failed = await prisma.evaluationExecution.findUniqueOrThrow({ where: { id: second?.id } });
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/attempt 5 of 5.*\(503\)/);
    expect((await getEvaluationRule(projectId, rule.id)).status).toBe("active");
  });

  it("a judge that does not answer in time is retried as a timeout", async () => {
    const { projectId, rule } = await setup();
    judge.reset();
    judge.fail({ kind: "hang" });
    judge.reply({ text: 'Sure: {"reasoning": "fine", "score": "0.5",}' });
    await ingest(projectId, [chatTrace(randomUUID())]);
    const [execution] = await executions(projectId, rule.id);
    await expect(runEvaluation(projectId, execution?.id as string)).rejects.toThrow(/did not finish answering/);
    // Prose around almost-JSON is parsed by the robust parser.
    expect(await runEvaluation(projectId, execution?.id as string)).toBe("done");
    expect((await prisma.evaluationExecution.findUniqueOrThrow({ where: { id: execution?.id } })).value).toBe(0.5);
  });

  it("a bad key pauses the rule with the reason; resuming clears it", async () => {
    const { projectId, rule } = await setup();
    judge.reset();
    judge.fail({ kind: "status", status: 401 });
    await ingest(projectId, [chatTrace(randomUUID()), chatTrace(randomUUID())]);
    const [first, second] = await executions(projectId, rule.id);
    expect(await runEvaluation(projectId, first?.id as string)).toBe("failed");
    const paused = await getEvaluationRule(projectId, rule.id);
    expect(paused).toMatchObject({ status: "paused", pausedReason: "auth" });
    expect(paused.pausedMessage).toMatch(/rejected the API key \(401\)/);
    // Pending work of a paused rule is skipped visibly, and new data is not scheduled.
    expect(await runEvaluation(projectId, second?.id as string)).toBe("skipped");
    expect(await ingest(projectId, [chatTrace(randomUUID())])).toBe(0);
    expect((await setEvaluationRuleEnabled(projectId, rule.id, true)).status).toBe("active");
    expect(await ingest(projectId, [chatTrace(randomUUID())])).toBe(1);
  });

  it("a deleted connection pauses the rule and new rules on it answer 400", async () => {
    const { projectId, rule, connection, evaluator } = await setup();
    await ingest(projectId, [chatTrace(randomUUID())]);
    await deleteLlmConnection(projectId, connection.id, TEST_AUDIT);
    const [execution] = await executions(projectId, rule.id);
    expect(await runEvaluation(projectId, execution?.id as string)).toBe("failed");
    expect(await getEvaluationRule(projectId, rule.id)).toMatchObject({ status: "paused", pausedReason: "connection_deleted" });
    const again = createEvaluationRule(
      projectId,
      ZEvalRuleBody.parse({ name: "second", evaluatorId: evaluator.evaluatorId, target: "trace", mapping: rule.mapping }),
    );
    await expect(again).rejects.toThrow(/connection .* was deleted/);
    await expect(setEvaluationRuleEnabled(projectId, rule.id, true)).rejects.toBeInstanceOf(DomainError);
  });

  it("bad mappings answer 400 naming the field; a JSONPath that matches nothing fails the row visibly", async () => {
    const { projectId, evaluator, rule } = await setup();
    const body = (mapping: unknown[]) =>
      ZEvalRuleBody.parse({ name: `r-${randomUUID().slice(0, 6)}`, evaluatorId: evaluator.evaluatorId, target: "trace", mapping });
    await expect(
      createEvaluationRule(
        projectId,
        body([
          { variable: "nope", object: "trace", source: "input" },
          { variable: "output", object: "trace", source: "output" },
        ]),
      ),
    ).rejects.toThrow(/mapping\[0\]\.variable: "nope" is not a variable/);
    await expect(createEvaluationRule(projectId, body([{ variable: "output", object: "trace", source: "output" }]))).rejects.toThrow(
      /map the variable "input"/,
    );
    await expect(
      createEvaluationRule(
        projectId,
        body([
          { variable: "input", object: "trace", source: "input", jsonPath: "$.a[?(@.x)]" },
          { variable: "output", object: "trace", source: "output" },
        ]),
      ),
    ).rejects.toThrow(/mapping\[0\]\.jsonPath: JSONPath filter/);
    await expect(createEvaluationRule(projectId, { ...body(rule.mapping), filter: { latencyMin: "fast" } })).rejects.toThrow(
      /filter\.latencyMin/,
    );
    expect(await prisma.evaluationRule.count({ where: { projectId } })).toBe(1);

    // Trace input without `question`: the mapping's JSONPath matches nothing.
    judge.reset();
    const traceId = randomUUID();
    await ingest(projectId, [ev("trace-create", { id: traceId, name: "chat", input: { q: "x" }, output: "y" })]);
    const preview = await previewMapping(projectId, {
      target: "trace",
      filter: { name: "chat" },
      mapping: rule.mapping,
      evaluatorId: evaluator.evaluatorId,
    });
    expect(preview.traceId).toBe(traceId);
    expect(preview.values).toEqual([
      { variable: "input", value: null, problem: "JSONPath $.question matches nothing in the trace's input" },
      { variable: "output", value: "y", problem: null },
    ]);
    const [execution] = await executions(projectId, rule.id);
    expect(await runEvaluation(projectId, execution?.id as string)).toBe("failed");
    expect((await prisma.evaluationExecution.findUniqueOrThrow({ where: { id: execution?.id } })).error).toMatch(
      /\{\{input\}\}: JSONPath \$\.question matches nothing/,
    );
    expect(judge.requests).toHaveLength(0);
    expect((await getEvaluationRule(projectId, rule.id)).status).toBe("active");
  });

  it("samples, targets observations by type and name, and backfills a time range", async () => {
    const { projectId, evaluator } = await setup();
    const traceIds = Array.from({ length: 40 }, () => randomUUID());
    await ingest(
      projectId,
      traceIds.flatMap((id) => [
        chatTrace(id),
        ev("generation-create", { id: `${id}-g`, traceId: id, name: "answer", input: { question: "q" }, output: "a" }),
        ev("span-create", { id: `${id}-s`, traceId: id, name: "answer" }),
      ]),
    );
    const rule = await createEvaluationRule(
      projectId,
      ZEvalRuleBody.parse({
        name: "backfill generations",
        evaluatorId: evaluator.evaluatorId,
        target: "observation",
        observationType: "GENERATION",
        filter: { name: "answer" },
        sampling: 0.5,
        runOnNew: false,
        backfill: { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() },
        mapping: [
          { variable: "input", object: "observation", source: "input", jsonPath: "$.question" },
          { variable: "output", object: "trace", source: "output" },
        ],
      }),
    );
    const rows = await executions(projectId, rule.id);
    expect(rows.length).toBeGreaterThan(8);
    expect(rows.length).toBeLessThan(32);
    expect(rows.every((r) => r.targetType === "observation" && r.targetId.endsWith("-g"))).toBe(true);
    // Saving it again schedules nothing new (every target already has its row).
    const { scheduleBackfill } = await import("./schedule.ts");
    expect(await scheduleBackfill(await prisma.evaluationRule.findUniqueOrThrow({ where: { id: rule.id } }))).toBe(0);
  });

  it("holds judge calls per connection to the concurrency limit (4 by default), other connections unaffected", async () => {
    const inFlight = new Map<string, number>();
    const peak = new Map<string, number>();
    const call = (connection: string) =>
      withConnectionLimits(connection, async () => {
        inFlight.set(connection, (inFlight.get(connection) ?? 0) + 1);
        peak.set(connection, Math.max(peak.get(connection) ?? 0, inFlight.get(connection) ?? 0));
        await new Promise((r) => setTimeout(r, 30));
        inFlight.set(connection, (inFlight.get(connection) ?? 0) - 1);
      });
    const a = `conn-a-${randomUUID()}`;
    const b = `conn-b-${randomUUID()}`;
    await Promise.all([...Array.from({ length: 12 }, () => call(a)), ...Array.from({ length: 3 }, () => call(b))]);
    expect(peak.get(a)).toBe(4);
    expect(peak.get(b)).toBe(3);
  });
});

import { randomUUID } from "node:crypto";
import { type TStartExperimentBody, ZCreatePromptBody, ZStartExperimentBody, ZUpsertLlmConnectionBody } from "@loupe/contracts";
import { prisma } from "@loupe/db";
import { closeQueues, getQueue } from "@loupe/jobs";
import { type FakeLlmServer, startFakeOpenAI } from "@loupe/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { createEvaluator } from "../evaluations/evaluators.ts";
import { processIngestionBatch } from "../ingestion/process-batch.ts";
import { createLlmConnection, deleteLlmConnection } from "../llm/connections.ts";
import { createPromptVersion } from "../prompts/write-prompts.ts";
import { upsertPublicDataset, upsertPublicDatasetItem } from "../public-api/datasets.ts";
import { createProjectWithKeys, TEST_AUDIT } from "../testing.ts";
import { cancelExperiment, getExperiment, listExperiments, startExperiment } from "./experiments.ts";
import { RetryableExperimentError, runExperimentItem } from "./run-experiment-item.ts";

let model: FakeLlmServer;
let judge: FakeLlmServer;
beforeAll(async () => {
  [model, judge] = await Promise.all([startFakeOpenAI(), startFakeOpenAI()]);
});
afterAll(async () => {
  await Promise.all([model.close(), judge.close()]);
  await closeQueues();
});

const api = { kind: "apiKey" } as const;

async function setup(items: { input: unknown; expectedOutput?: unknown }[]) {
  const { project } = await createProjectWithKeys();
  const projectId = project.id;
  const connection = await createLlmConnection(
    projectId,
    ZUpsertLlmConnectionBody.parse({ provider: "models", adapter: "openai", secretKey: "test-key", baseURL: model.url }),
    TEST_AUDIT,
  );
  const judgeConnection = await createLlmConnection(
    projectId,
    ZUpsertLlmConnectionBody.parse({ provider: "judge", adapter: "openai", secretKey: "test-key", baseURL: judge.url }),
    TEST_AUDIT,
  );
  await createPromptVersion(
    projectId,
    api,
    ZCreatePromptBody.parse({ name: "capital", prompt: "What is the capital of {{country}}?", labels: ["production"] }),
    TEST_AUDIT,
  );
  const evaluator = await createEvaluator(projectId, {
    name: "correct",
    prompt: "Question: {{question}}\nAnswer: {{answer}}\nExpected: {{expected}}",
    outputDefinition: {
      dataType: "NUMERIC",
      reasoning: { description: "why" },
      score: { description: "1 if right", minValue: 0, maxValue: 1 },
    },
    connectionId: judgeConnection.id,
    model: "gpt-4o-mini",
  });
  const dataset = await upsertPublicDataset(projectId, { name: `capitals-${randomUUID().slice(0, 6)}` });
  const ids: string[] = [];
  for (const item of items) ids.push((await upsertPublicDatasetItem(projectId, { datasetName: dataset.name, ...item })).id);
  const body = (over: Partial<TStartExperimentBody> = {}): TStartExperimentBody =>
    ZStartExperimentBody.parse({
      runName: "ui run",
      prompt: { name: "capital", label: "production" },
      models: [{ connectionId: connection.id, model: "gpt-4o-mini", params: { temperature: 0.3, maxTokens: 40 } }],
      evaluators: [
        {
          evaluatorId: evaluator.evaluatorId,
          mapping: [
            { variable: "question", source: "input", jsonPath: "$.country" },
            { variable: "answer", source: "output" },
            { variable: "expected", source: "expectedOutput" },
          ],
        },
      ],
      ...over,
    });
  const actor = { projectId, userId: null };
  return { projectId, datasetId: dataset.id, connection, judgeConnection, evaluator, ids, body, actor };
}

async function drainIngestion(projectId: string) {
  for (const b of await prisma.ingestionBatch.findMany({ where: { projectId, processedAt: null } })) await processIngestionBatch(b.id);
}

async function runAll(projectId: string, experimentId: string) {
  const items = await prisma.datasetExperimentItem.findMany({ where: { projectId, experimentId }, orderBy: { id: "asc" } });
  return Promise.all(items.map((i) => runExperimentItem(projectId, i.id)));
}

async function status(error: Promise<unknown>): Promise<[number, string]> {
  try {
    await error;
  } catch (e) {
    if (e instanceof DomainError) return [e.status, e.message];
    throw e;
  }
  throw new Error("expected a DomainError");
}

describe("experiments from the UI", () => {
  it("runs each item as a priced trace linked to a new run, scores it with the evaluator, and shows the progress", async () => {
    const s = await setup([
      { input: { country: "France" }, expectedOutput: "Paris" },
      { input: { country: "Japan" }, expectedOutput: "Tokyo" },
      { input: { city: "Oslo" } },
    ]);
    model.reset();
    judge.reset();
    judge.reply(...Array.from({ length: 2 }, () => ({ json: { reasoning: "matches", score: 1 } })));
    const started = await startExperiment(s.actor, s.datasetId, s.body());
    expect(started.experiments).toHaveLength(1);
    const [experiment] = started.experiments;
    if (!experiment) throw new Error("no experiment");
    expect(experiment).toMatchObject({ runName: "ui run", status: "RUNNING", total: 3, promptName: "capital", promptVersion: 1 });
    expect(experiment.counts).toEqual({ pending: 3, done: 0, failed: 0, cancelled: 0 });
    // One job per item, queued under the item's id.
    const items = await prisma.datasetExperimentItem.findMany({ where: { experimentId: experiment.id } });
    for (const item of items) expect(await getQueue("experiments.item").getJobState(item.id)).not.toBe("unknown");

    const outcomes = await runAll(s.projectId, experiment.id);
    expect(outcomes.sort()).toEqual(["done", "done", "failed"]);
    // A second run of each job does nothing.
    expect(await runAll(s.projectId, experiment.id)).toEqual(["skipped", "skipped", "skipped"]);
    expect(model.requests).toHaveLength(2);
    expect(model.requests[0]?.body).toMatchObject({ model: "gpt-4o-mini", temperature: 0.3, max_tokens: 40 });
    expect(JSON.stringify(model.requests.map((r) => r.body))).toContain("What is the capital of France?");
    expect(JSON.stringify(judge.requests.map((r) => r.body))).toContain("Expected: Tokyo");

    const detail = await getExperiment(s.projectId, s.datasetId, experiment.id);
    expect(detail.experiment.status).toBe("DONE");
    expect(detail.experiment.counts).toEqual({ pending: 0, done: 2, failed: 1, cancelled: 0 });
    expect(detail.items[0]).toMatchObject({ status: "FAILED", traceId: null });
    expect(detail.items[0]?.error).toMatch(/no value for \{\{country\}\} \(it has city\)/);

    // Each done item: a run item on the experiment's run, its trace and generation (priced, linked to
    // the prompt version) after ingestion, and the evaluator's EVAL score on that trace.
    const run = await prisma.datasetRun.findFirstOrThrow({ where: { projectId: s.projectId, datasetId: s.datasetId, name: "ui run" } });
    const runItems = await prisma.datasetRunItem.findMany({ where: { projectId: s.projectId, datasetRunId: run.id } });
    expect(runItems).toHaveLength(2);
    await drainIngestion(s.projectId);
    for (const ri of runItems) {
      const trace = await prisma.trace.findFirstOrThrow({ where: { projectId: s.projectId, id: ri.traceId } });
      expect(trace.environment).toBe("loupe-experiment");
      const generation = await prisma.observation.findFirstOrThrow({ where: { projectId: s.projectId, id: ri.observationId as string } });
      expect(generation).toMatchObject({ type: "GENERATION", promptName: "capital", promptVersion: 1, model: "gpt-4o-mini" });
      expect(Number(generation.totalCost)).toBeGreaterThan(0);
      const score = await prisma.score.findFirstOrThrow({ where: { projectId: s.projectId, traceId: ri.traceId } });
      expect(score).toMatchObject({ name: "correct", source: "EVAL", value: 1, comment: "matches" });
      expect(score.metadata).toMatchObject({ experimentId: experiment.id, evaluatorVersion: 1 });
    }
    expect((await listExperiments(s.projectId, s.datasetId)).data.map((e) => e.status)).toEqual(["DONE"]);
  });

  it("answers bad input with a 400 or 409 before anything is written", async () => {
    const s = await setup([{ input: { country: "Peru" } }]);
    const before = await prisma.datasetRun.count({ where: { projectId: s.projectId } });
    const cases: [string, TStartExperimentBody, number, RegExp][] = [
      ["unknown prompt", s.body({ prompt: { name: "nope" } }), 400, /prompt: Prompt not found: 'nope'/],
      ["unknown label", s.body({ prompt: { name: "capital", label: "staging" } }), 400, /with label 'staging'/],
      [
        "unknown connection",
        s.body({ models: [{ connectionId: "gone", model: "gpt-4o-mini", params: {} }] }),
        400,
        /models\.0\.connectionId: .*no LLM connection gone/,
      ],
      [
        "unmapped evaluator variable",
        s.body({ evaluators: [{ evaluatorId: s.evaluator.evaluatorId, mapping: [{ variable: "question", source: "input" }] }] }),
        400,
        /map the variable "answer"/,
      ],
      ["unknown evaluator", s.body({ evaluators: [{ evaluatorId: "nope", mapping: [] }] }), 400, /no evaluator nope/],
    ];
    for (const [label, body, code, message] of cases) {
      const [got, text] = await status(startExperiment(s.actor, s.datasetId, body));
      expect(got, label).toBe(code);
      expect(text, label).toMatch(message);
    }
    const [missing] = await status(startExperiment(s.actor, "no-such-dataset", s.body()));
    expect(missing).toBe(404);

    // No item provides the prompt's variable: nothing can run, so nothing starts.
    await createPromptVersion(
      s.projectId,
      api,
      ZCreatePromptBody.parse({ name: "city", prompt: "About {{city}}", labels: ["production"] }),
      TEST_AUDIT,
    );
    const [code, text] = await status(startExperiment(s.actor, s.datasetId, s.body({ prompt: { name: "city" } })));
    expect([code, text]).toEqual([
      400,
      expect.stringMatching(/No item .* can fill the prompt "city" v1: .*\{\{city\}\} \(it has country\)/),
    ]);

    // A deleted judge connection is refused too.
    await deleteLlmConnection(s.projectId, s.judgeConnection.id, TEST_AUDIT);
    expect((await status(startExperiment(s.actor, s.datasetId, s.body())))[1]).toMatch(/judge connection of "correct" was deleted/);
    expect(await prisma.datasetRun.count({ where: { projectId: s.projectId } })).toBe(before);
    expect(await prisma.datasetExperiment.count({ where: { projectId: s.projectId } })).toBe(0);

    // A run name the dataset already has.
    await startExperiment(s.actor, s.datasetId, s.body({ evaluators: [] }));
    const [taken, why] = await status(startExperiment(s.actor, s.datasetId, s.body({ evaluators: [] })));
    expect([taken, why]).toEqual([409, 'This dataset already has a run named "ui run"; choose another run name']);
  });

  it("one run per model configuration; a deleted connection fails the items with the reason", async () => {
    const s = await setup([{ input: { country: "Chile" } }, { input: { country: "Kenya" } }]);
    const second = await createLlmConnection(
      s.projectId,
      ZUpsertLlmConnectionBody.parse({ provider: "second", adapter: "openai", secretKey: "test-key", baseURL: model.url }),
      TEST_AUDIT,
    );
    const { experiments } = await startExperiment(
      s.actor,
      s.datasetId,
      s.body({
        evaluators: [],
        models: [
          { connectionId: s.connection.id, model: "gpt-4o-mini", params: {} },
          { connectionId: second.id, model: "gpt-4o", params: {} },
        ],
      }),
    );
    expect(experiments.map((e) => e.runName).sort()).toEqual(["ui run · gpt-4o", "ui run · gpt-4o-mini"]);
    await deleteLlmConnection(s.projectId, second.id, TEST_AUDIT);
    const gone = experiments.find((e) => e.model === "gpt-4o");
    expect(await runAll(s.projectId, gone?.id as string)).toEqual(["failed", "failed"]);
    const detail = await getExperiment(s.projectId, s.datasetId, gone?.id as string);
    expect(detail.items.map((i) => i.error)).toEqual([
      'The LLM connection "second" was deleted; start the experiment again with another one',
      'The LLM connection "second" was deleted; start the experiment again with another one',
    ]);
    expect(detail.experiment.status).toBe("DONE");
  });

  it("cancel stops the pending items; transient failures retry, then fail the item", async () => {
    const s = await setup([{ input: { country: "Italy" } }, { input: { country: "Spain" } }]);
    const { experiments } = await startExperiment(s.actor, s.datasetId, s.body({ evaluators: [] }));
    const id = experiments[0]?.id as string;
    const [first] = await prisma.datasetExperimentItem.findMany({ where: { experimentId: id }, orderBy: { id: "asc" } });
    model.reset();
    model.fail({ kind: "status", status: 503 }, 4);
    for (let i = 0; i < 3; i++)
      await expect(runExperimentItem(s.projectId, first?.id as string)).rejects.toBeInstanceOf(RetryableExperimentError);
    expect(await runExperimentItem(s.projectId, first?.id as string)).toBe("failed");
    const failed = await prisma.datasetExperimentItem.findUniqueOrThrow({ where: { id: first?.id } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: 4 });
    expect(failed.error).toMatch(/attempt 4 of 4.*\(503\)/);

    const cancelled = await cancelExperiment(s.projectId, s.datasetId, id);
    expect(cancelled).toMatchObject({ status: "CANCELLED", counts: { pending: 0, done: 0, failed: 1, cancelled: 1 } });
    expect(await runAll(s.projectId, id)).toEqual(["skipped", "skipped"]);
    const [again] = await status(cancelExperiment(s.projectId, s.datasetId, id));
    expect(again).toBe(409);
    const [otherDataset] = await status(getExperiment(s.projectId, "another-dataset", id));
    expect(otherDataset).toBe(404);
  });
});

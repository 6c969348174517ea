import { randomUUID } from "node:crypto";
import { ingestionResponseBody } from "@loupe/contracts";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { afterAll, describe, expect, it } from "vitest";
import { updateMaskingSettings } from "../projects/masking.ts";
import { getPublicScore } from "../public-api/list-scores.ts";
import { createProjectWithKeys, TEST_AUDIT } from "../testing.ts";
import { acceptIngestionBatch } from "./accept-batch.ts";
import { processIngestionBatch } from "./process-batch.ts";

afterAll(async () => {
  await closeQueues();
});

const now = Date.now();
const at = (ms: number) => new Date(now + ms).toISOString();
const ev = (type: string, body: Record<string, unknown>, ms = 0) => ({ id: randomUUID(), type, timestamp: at(ms), body });

async function ingest(projectId: string, batch: unknown[], scope: "project" | "scores" = "project") {
  const result = await acceptIngestionBatch({ projectId, scope }, { batch });
  if (!result.ok) throw new Error(`batch refused: ${JSON.stringify(result.issues)}`);
  const stored = await prisma.ingestionBatch.findMany({ where: { projectId, processedAt: null } });
  for (const b of stored) await processIngestionBatch(b.id);
  return ingestionResponseBody(result.outcomes);
}

describe("ingestion: accept, store durably, merge", () => {
  it("stores a trace with nested spans, an event and a priced generation", async () => {
    const { project } = await createProjectWithKeys();
    const traceId = randomUUID();
    const root = randomUUID();
    const gen = randomUUID();
    const batch = [
      ev("trace-create", {
        id: traceId,
        name: "chat",
        userId: "u-1",
        sessionId: "s-1",
        input: { q: "hi" },
        tags: ["b", "a"],
        metadata: { a: { x: 1 } },
      }),
      ev("span-create", { id: root, traceId, name: "pipeline", startTime: at(0) }),
      ev(
        "generation-create",
        {
          id: gen,
          traceId,
          parentObservationId: root,
          name: "llm",
          model: "gpt-4o",
          startTime: at(10),
          usageDetails: { input: 1000, output: 500 },
        },
        1,
      ),
      ev("event-create", { id: randomUUID(), traceId, parentObservationId: root, name: "cache-miss" }, 2),
      ev("generation-update", { id: gen, traceId, endTime: at(900), output: "hello" }, 3),
      ev("span-update", { id: root, traceId, endTime: at(1000) }, 4),
      ev("trace-create", { id: traceId, output: { a: "hello" }, tags: ["c"], metadata: { a: { y: 2 } } }, 5),
    ];
    const body = await ingest(project.id, batch);
    expect(body.errors).toEqual([]);
    expect(body.successes.map((s) => s.id)).toEqual(batch.map((e) => e.id));
    expect(body.successes.every((s) => s.status === 201)).toBe(true);

    const trace = await prisma.trace.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: traceId } } });
    expect(trace).toMatchObject({
      name: "chat",
      userId: "u-1",
      sessionId: "s-1",
      input: { q: "hi" },
      output: { a: "hello" },
      tags: ["a", "b", "c"],
    });
    expect(trace.metadata).toEqual({ a: { x: 1, y: 2 } });
    expect(await prisma.traceSession.count({ where: { projectId: project.id, id: "s-1" } })).toBe(1);

    const observations = await prisma.observation.findMany({ where: { projectId: project.id, traceId } });
    expect(observations).toHaveLength(3);
    const g = observations.find((o) => o.id === gen);
    expect(g).toMatchObject({
      type: "GENERATION",
      name: "llm",
      parentObservationId: root,
      output: "hello",
      inputTokens: 1000,
      outputTokens: 500,
      totalTokens: 1500,
      matchedModelId: "builtin-gpt-4o",
    });
    expect(g?.endTime?.toISOString()).toBe(at(900));
    // gpt-4o list price: $2.50 / 1M input, $10 / 1M output.
    expect(Number(g?.totalCost)).toBeCloseTo(1000 * 2.5e-6 + 500 * 1e-5, 10);
    expect(observations.find((o) => o.id === root)?.endTime?.toISOString()).toBe(at(1000));
  });

  it("counts tokens with the model's tokenizer when a generation has no usage", async () => {
    const { project } = await createProjectWithKeys();
    const traceId = randomUUID();
    const gen = randomUUID();
    const failed = randomUUID();
    await ingest(project.id, [
      ev("generation-create", { id: gen, traceId, model: "gpt-4o", input: "hello world", output: "hello world" }),
      ev("generation-create", { id: failed, traceId, model: "gpt-4o", input: "hello world", level: "ERROR" }),
    ]);
    const g = await prisma.observation.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: gen } } });
    expect(g.usageDetails).toEqual({ input: 2, output: 2, total: 4 });
    expect(Number(g.totalCost)).toBeCloseTo(2 * 2.5e-6 + 2 * 1e-5, 12);
    const e = await prisma.observation.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: failed } } });
    expect(e.usageDetails).toEqual({});
    expect(e.totalCost).toBeNull();
  });

  it("rejects invalid events alone and keeps the valid ones of the same batch", async () => {
    const { project } = await createProjectWithKeys();
    const traceId = randomUUID();
    const good = ev("trace-create", { id: traceId, name: "ok" });
    const badTimestamp = { id: "bad-ts", type: "trace-create", timestamp: "yesterday", body: { id: randomUUID() } };
    const unknownType = { id: "bad-type", type: "trace-delete", timestamp: at(0), body: { id: traceId } };
    const missingBodyId = { id: "bad-span", type: "span-create", timestamp: at(0), body: { traceId } };
    const halfPrompt = ev("generation-create", { id: randomUUID(), traceId, promptName: "p" });
    const body = await ingest(project.id, [good, badTimestamp, unknownType, missingBodyId, halfPrompt, "not an object", null]);
    expect(body.successes).toEqual([{ id: good.id, status: 201 }]);
    expect(body.errors.map((e) => [e.id, e.status])).toEqual([
      ["bad-ts", 400],
      ["bad-type", 400],
      ["bad-span", 400],
      [halfPrompt.id, 400],
      ["unknown", 400],
      ["unknown", 400],
    ]);
    expect(JSON.stringify(body.errors[1]?.error)).toContain("unknown event type");
    expect(await prisma.trace.count({ where: { projectId: project.id } })).toBe(1);
    expect(await prisma.observation.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("answers 400 for a body that is not a batch", async () => {
    const { project } = await createProjectWithKeys();
    for (const payload of [{}, { batch: "x" }, [], "batch", null]) {
      const result = await acceptIngestionBatch({ projectId: project.id, scope: "project" }, payload);
      expect(result.ok).toBe(false);
    }
    expect(await prisma.ingestionBatch.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("is idempotent: a re-sent batch creates no duplicates and converges", async () => {
    const { project } = await createProjectWithKeys();
    const traceId = randomUUID();
    const span = randomUUID();
    const batch = [
      ev("trace-create", { id: traceId, name: "retry", tags: ["x"] }),
      ev("span-create", { id: span, traceId, name: "s", metadata: { k: 1 } }),
      ev("score-create", { name: "quality", value: 0.9, traceId }),
    ];
    await ingest(project.id, batch);
    await ingest(project.id, batch);
    expect(await prisma.trace.count({ where: { projectId: project.id } })).toBe(1);
    expect(await prisma.observation.count({ where: { projectId: project.id } })).toBe(1);
    expect(await prisma.score.count({ where: { projectId: project.id } })).toBe(1);
    const trace = await prisma.trace.findFirstOrThrow({ where: { projectId: project.id } });
    expect(trace.tags).toEqual(["x"]);
  });

  it("reprices a generation when its output or usage arrives in a later batch, even concurrently", async () => {
    const { project } = await createProjectWithKeys();
    const traceId = randomUUID();
    const counted = randomUUID();
    const reported = randomUUID();
    await ingest(project.id, [
      ev("generation-create", { id: counted, traceId, model: "gpt-4o", input: "hello world" }),
      ev("generation-create", { id: reported, traceId, model: "gpt-4o" }),
    ]);
    // The later events are stored as two batches and merged at the same time, as two workers would.
    for (const batch of [
      [ev("generation-update", { id: counted, traceId, output: "hello world" }, 5)],
      [ev("generation-update", { id: reported, traceId, usageDetails: { input: 1000, output: 200 } }, 5)],
    ]) {
      expect((await acceptIngestionBatch({ projectId: project.id, scope: "project" }, { batch })).ok).toBe(true);
    }
    const pending = await prisma.ingestionBatch.findMany({ where: { projectId: project.id, processedAt: null } });
    await Promise.all(pending.map((b) => processIngestionBatch(b.id)));
    const c = await prisma.observation.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: counted } } });
    expect(c.usageDetails).toEqual({ input: 2, output: 2, total: 4 });
    const r = await prisma.observation.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: reported } } });
    expect(r.matchedModelId).toBe("builtin-gpt-4o");
    expect(Number(r.totalCost)).toBeCloseTo(1000 * 2.5e-6 + 200 * 1e-5, 12);
  });

  it("keeps the trace's rollup right when its observations arrive before it and in concurrent batches", async () => {
    const { project } = await createProjectWithKeys();
    const traceId = randomUUID();
    const gen = (i: number) =>
      ev("generation-create", {
        id: `${traceId}-g${i}`,
        traceId,
        model: "gpt-4o",
        startTime: at(i * 100),
        endTime: at(i * 100 + 50),
        usageDetails: { input: 1000, output: 200 },
        level: i === 3 ? "WARNING" : "DEFAULT",
      });
    // Four batches for one trace, the trace itself last, merged at the same time as two workers would.
    for (const batch of [[gen(0), gen(1)], [gen(2)], [gen(3)], [ev("trace-create", { id: traceId, name: "late" })]]) {
      expect((await acceptIngestionBatch({ projectId: project.id, scope: "project" }, { batch })).ok).toBe(true);
    }
    const pending = await prisma.ingestionBatch.findMany({ where: { projectId: project.id, processedAt: null } });
    await Promise.all(pending.map((b) => processIngestionBatch(b.id)));
    const t = await prisma.trace.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: traceId } } });
    expect(t).toMatchObject({
      observationCount: 4,
      inputTokens: 4000,
      outputTokens: 800,
      totalTokens: 4800,
      level: "WARNING",
      latencyMs: 350,
    });
    expect(Number(t.totalCost)).toBeCloseTo(4 * (1000 * 2.5e-6 + 200 * 1e-5), 10);
  });

  it("merges an update that arrives before its create, across batches", async () => {
    const { project } = await createProjectWithKeys();
    const traceId = randomUUID();
    const gen = randomUUID();
    await ingest(project.id, [ev("generation-update", { id: gen, traceId, endTime: at(500), output: "late" }, 10)]);
    await ingest(project.id, [ev("generation-create", { id: gen, traceId, name: "g", startTime: at(0), input: "early" }, 0)]);
    const g = await prisma.observation.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: gen } } });
    expect(g).toMatchObject({ name: "g", input: "early", output: "late" });
    expect(g.endTime?.toISOString()).toBe(at(500));
  });

  it("stores CORRECTION scores as the corrected output and checks TEXT and CORRECTION rules", async () => {
    const { project } = await createProjectWithKeys();
    const traceId = randomUUID();
    const correction = randomUUID();
    const long = randomUUID();
    const configured = randomUUID();
    const result = await ingest(project.id, [
      ev("trace-create", { id: traceId }),
      ev("score-create", { id: correction, traceId, name: "fix", dataType: "CORRECTION", value: "The capital is Canberra." }),
      ev("score-create", { id: long, traceId, name: "note", dataType: "TEXT", value: "x".repeat(501) }),
      ev("score-create", { id: configured, traceId, name: "fix", dataType: "CORRECTION", value: "y", configId: "cfg-1" }),
    ]);
    expect(result.errors.map((e) => JSON.stringify(e.error))).toEqual([
      expect.stringContaining("TEXT: 1 to 500 characters"),
      expect.stringContaining("cannot have a configId"),
    ]);
    const stored = await prisma.score.findMany({ where: { projectId: project.id } });
    expect(stored).toHaveLength(1);
    // Langfuse names every correction "output"; readers get value 0 and the text as stringValue.
    expect(await getPublicScore(project.id, correction)).toMatchObject({
      name: "output",
      dataType: "CORRECTION",
      value: 0,
      stringValue: "The capital is Canberra.",
    });
  });

  it("lets a public-key-only (Bearer) client send scores but nothing else", async () => {
    const { project } = await createProjectWithKeys();
    const traceId = randomUUID();
    const score = ev("score-create", { id: randomUUID(), name: "thumbs", value: 1, dataType: "BOOLEAN", traceId });
    const trace = ev("trace-create", { id: traceId });
    const body = await ingest(project.id, [score, trace], "scores");
    expect(body.successes).toEqual([{ id: score.id, status: 201 }]);
    expect(body.errors).toEqual([{ id: trace.id, status: 401, message: "Authentication error", error: "Access Scope Denied" }]);
    const stored = await prisma.score.findFirstOrThrow({ where: { projectId: project.id } });
    expect(stored).toMatchObject({ name: "thumbs", value: 1, stringValue: "True", dataType: "BOOLEAN" });
  });

  it("stores hostile strings (NUL, lone surrogates) without failing the batch", async () => {
    const { project } = await createProjectWithKeys();
    const traceId = randomUUID();
    await ingest(project.id, [
      ev("trace-create", { id: traceId, input: { "k\u0000": "a\u0000b\ud800c", html: "<script>alert(1)</script>" } }),
    ]);
    const trace = await prisma.trace.findFirstOrThrow({ where: { projectId: project.id } });
    expect(trace.input).toEqual({ "k\ufffd": "a\ufffdb\ufffdc", html: "<script>alert(1)</script>" });
    const batch = await prisma.ingestionBatch.findFirstOrThrow({ where: { projectId: project.id } });
    expect(batch.processedAt).not.toBeNull();
  });

  it("masks PII before anything is stored when the project turns masking on", async () => {
    const { project } = await createProjectWithKeys();
    await updateMaskingSettings(
      project.id,
      {
        enabled: true,
        customRules: [{ name: "ticket", pattern: "TKT-\\d+", replacement: "[TICKET]" }],
      },
      TEST_AUDIT,
    );
    const traceId = randomUUID();
    await ingest(project.id, [
      ev("trace-create", {
        id: traceId,
        input: { text: "I am jane@example.com, TKT-991" },
        metadata: { phone: "+1 415 555 2671", at: "2026-11-22T10:00:00Z" },
      }),
      ev("span-create", { id: randomUUID(), traceId, output: ["card 4111 1111 1111 1111"] }),
    ]);
    const trace = await prisma.trace.findFirstOrThrow({ where: { projectId: project.id } });
    expect(trace.input).toEqual({ text: "I am [EMAIL], [TICKET]" });
    expect(trace.metadata).toEqual({ phone: "[PHONE]", at: "2026-11-22T10:00:00Z" });
    const span = await prisma.observation.findFirstOrThrow({ where: { projectId: project.id } });
    expect(span.output).toEqual(["card [CARD]"]);
    const raw = JSON.stringify((await prisma.ingestionBatch.findFirstOrThrow({ where: { projectId: project.id } })).events);
    expect(raw).not.toContain("jane@example.com");
    expect(raw).not.toContain("4111");
  });

  it("keeps every project's data apart, even with the same ids", async () => {
    const a = await createProjectWithKeys();
    const b = await createProjectWithKeys();
    const traceId = randomUUID();
    await ingest(a.project.id, [ev("trace-create", { id: traceId, name: "from A" })]);
    await ingest(b.project.id, [ev("trace-create", { id: traceId, name: "from B" })]);
    const rows = await prisma.trace.findMany({ where: { id: traceId }, orderBy: { name: "asc" } });
    expect(rows.map((r) => [r.projectId, r.name])).toEqual([
      [a.project.id, "from A"],
      [b.project.id, "from B"],
    ]);
  });
});

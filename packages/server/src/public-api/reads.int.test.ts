import { randomUUID } from "node:crypto";
import { ZObservationsQuery, ZObservationsV2Query, ZScoresQuery, ZScoresV1Query, ZTraceQuery, ZTracesQuery } from "@loupe/contracts";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptIngestionBatch } from "../ingestion/accept-batch.ts";
import { processIngestionBatch } from "../ingestion/process-batch.ts";
import { createProjectWithKeys } from "../testing.ts";
import { deletePublicTraces } from "./delete-traces.ts";
import { getPublicObservation } from "./get-observation.ts";
import { getApiKeyProjects } from "./get-projects.ts";
import { getPublicSession } from "./get-session.ts";
import { getPublicTrace } from "./get-trace.ts";
import { listPublicObservations } from "./list-observations.ts";
import { listPublicObservationsV2 } from "./list-observations-v2.ts";
import { getPublicScore, listPublicScores, listPublicScoresV1 } from "./list-scores.ts";
import { listPublicSessions } from "./list-sessions.ts";
import { listPublicTraces } from "./list-traces.ts";

afterAll(async () => {
  await closeQueues();
});

const t0 = Date.parse("2026-03-01T10:00:00.000Z");
const at = (ms: number) => new Date(t0 + ms).toISOString();
const ev = (type: string, body: Record<string, unknown>, ms = 0) => ({ id: randomUUID(), type, timestamp: at(ms), body });

async function ingest(projectId: string, batch: unknown[]) {
  const result = await acceptIngestionBatch({ projectId, scope: "project" }, { batch });
  if (!result.ok || result.outcomes.some((o) => o.outcome !== "stored")) throw new Error(`ingestion failed: ${JSON.stringify(result)}`);
  const stored = await prisma.ingestionBatch.findMany({ where: { projectId, processedAt: null } });
  for (const b of stored) await processIngestionBatch(b.id);
}

/** Three traces: two for user u-1 in session s-1 (one tagged prod), one for u-2 in env staging. */
async function seed() {
  const ctx = await createProjectWithKeys();
  const pid = ctx.project.id;
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
  const [span, gen] = [randomUUID(), randomUUID()];
  const score = randomUUID();
  await ingest(pid, [
    ev("trace-create", {
      id: a,
      name: "chat",
      userId: "u-1",
      sessionId: "s-1",
      tags: ["prod", "x"],
      release: "r1",
      version: "v1",
      input: { q: 1 },
      metadata: { plan: "pro", seats: 12 },
      timestamp: at(0),
    }),
    ev("span-create", { id: span, traceId: a, name: "pipeline", startTime: at(0), endTime: at(2000) }),
    ev("generation-create", {
      id: gen,
      traceId: a,
      parentObservationId: span,
      name: "llm",
      model: "gpt-4o",
      startTime: at(100),
      completionStartTime: at(600),
      endTime: at(1600),
      usageDetails: { input: 1000, output: 500 },
      level: "WARNING",
      metadata: { step: "answer" },
    }),
    ev("score-create", { id: score, traceId: a, name: "quality", value: 0.9, metadata: { reviewer: "ann" } }),
    ev("score-create", { id: randomUUID(), traceId: a, observationId: gen, name: "helpful", value: 1, dataType: "BOOLEAN" }),
    ev("trace-create", { id: b, name: "chat", userId: "u-1", sessionId: "s-1", tags: ["dev"], timestamp: at(60_000) }),
    ev("trace-create", { id: c, name: "batch", userId: "u-2", environment: "staging", timestamp: at(120_000) }),
    ev("event-create", { id: randomUUID(), traceId: c, name: "tick", startTime: at(120_000), environment: "staging" }),
  ]);
  return { ...ctx, pid, traces: { a, b, c }, span, gen, score };
}

let s: Awaited<ReturnType<typeof seed>>;
let other: Awaited<ReturnType<typeof seed>>;
beforeAll(async () => {
  [s, other] = await Promise.all([seed(), seed()]);
});

const traces = (q: Record<string, unknown> = {}) => listPublicTraces(s.pid, ZTracesQuery.parse(q));

describe("public API reads", () => {
  it("returns the key's project with its organization", async () => {
    const res = await getApiKeyProjects(s.pid);
    expect(res.data).toEqual([
      {
        id: s.pid,
        name: s.project.name,
        organization: { id: s.organization.id, name: s.organization.name },
        metadata: {},
      },
    ]);
  });

  it("lists traces newest first with ids, metrics and correct totals", async () => {
    const res = await traces();
    expect(res.meta).toEqual({ page: 1, limit: 50, totalItems: 3, totalPages: 1 });
    expect(res.data.map((t) => t.id)).toEqual([s.traces.c, s.traces.b, s.traces.a]);
    const a = res.data[2];
    expect(a).toMatchObject({
      name: "chat",
      projectId: s.pid,
      htmlPath: `/project/${s.pid}/traces/${s.traces.a}`,
      observations: [s.span, s.gen],
      latency: 2,
      input: { q: 1 },
      tags: ["prod", "x"],
    });
    expect(a?.scores).toHaveLength(2);
    expect(a?.totalCost).toBeCloseTo(1000 * 2.5e-6 + 500 * 1e-5, 10);
  });

  it("filters and paginates traces", async () => {
    expect((await traces({ userId: "u-1" })).meta.totalItems).toBe(2);
    expect((await traces({ sessionId: "s-1", name: "chat" })).meta.totalItems).toBe(2);
    expect((await traces({ tags: ["prod", "x"] })).data.map((t) => t.id)).toEqual([s.traces.a]);
    expect((await traces({ tags: "dev" })).data.map((t) => t.id)).toEqual([s.traces.b]);
    expect((await traces({ environment: ["staging"] })).data.map((t) => t.id)).toEqual([s.traces.c]);
    expect((await traces({ release: "r1", version: "v1" })).meta.totalItems).toBe(1);
    expect((await traces({ fromTimestamp: at(60_000), toTimestamp: at(120_000) })).data.map((t) => t.id)).toEqual([s.traces.b]);
    const page2 = await traces({ limit: "2", page: "2" });
    expect(page2.meta).toEqual({ page: 2, limit: 2, totalItems: 3, totalPages: 2 });
    expect(page2.data.map((t) => t.id)).toEqual([s.traces.a]);
    expect((await traces({ orderBy: "timestamp.asc" })).data[0]?.id).toBe(s.traces.a);
  });

  it("filters traces with the JSON filter parameter", async () => {
    const ids = async (filter: unknown[], q: Record<string, unknown> = {}) =>
      (await traces({ ...q, filter: JSON.stringify(filter), orderBy: "timestamp.asc" })).data.map((t) => t.id);
    const { a, b, c } = s.traces;
    expect(await ids([{ type: "arrayOptions", column: "tags", operator: "any of", value: ["prod", "dev"] }])).toEqual([a, b]);
    expect(await ids([{ type: "arrayOptions", column: "tags", operator: "all of", value: ["prod", "dev"] }])).toEqual([]);
    expect(await ids([{ type: "stringObject", column: "metadata", key: "plan", operator: "=", value: "pro" }])).toEqual([a]);
    expect(await ids([{ type: "numberObject", column: "metadata", key: "seats", operator: ">", value: 10 }])).toEqual([a]);
    expect(await ids([{ type: "string", column: "name", operator: "starts with", value: "ba" }])).toEqual([c]);
    expect(await ids([{ type: "stringOptions", column: "environment", operator: "none of", value: ["staging"] }])).toEqual([a, b]);
    expect(await ids([{ type: "null", column: "release", operator: "is null" }])).toEqual([b, c]);
    expect(await ids([{ type: "number", column: "totalCost", operator: ">", value: 0 }])).toEqual([a]);
    expect(await ids([{ type: "number", column: "latency", operator: ">=", value: 2 }])).toEqual([a]);
    expect(await ids([{ type: "string", column: "level", operator: "=", value: "WARNING" }])).toEqual([a]);
    expect(await ids([{ type: "number", column: "warningCount", operator: "=", value: 1 }])).toEqual([a]);
    expect(await ids([{ type: "boolean", column: "bookmarked", operator: "=", value: false }])).toHaveLength(3);
    // Score columns: the condition's key names the score (trace-level or on one of its observations).
    expect(await ids([{ type: "numberObject", column: "scores_avg", key: "quality", operator: ">=", value: 0.8 }])).toEqual([a]);
    expect(await ids([{ type: "numberObject", column: "scores", key: "quality", operator: "<", value: 0.8 }])).toEqual([]);
    expect(await ids([{ type: "booleanObject", column: "score_booleans", key: "helpful", operator: "=", value: true }])).toEqual([a]);
    expect(await ids([{ type: "booleanObject", column: "score_booleans", key: "helpful", operator: "<>", value: true }])).toEqual([b, c]);
    expect(
      await ids([{ type: "categoryOptions", column: "score_categories", key: "helpful", operator: "any of", value: ["True"] }]),
    ).toEqual([a]);
    expect(
      await ids([{ type: "categoryOptions", column: "score_categories", key: "helpful", operator: "none of", value: ["True"] }]),
    ).toEqual([b, c]);
    // A condition replaces the simple parameters of its column; the others still apply.
    const later = [{ type: "datetime", column: "timestamp", operator: ">=", value: at(60_000) }];
    expect(await ids(later, { toTimestamp: at(1) })).toEqual([b, c]);
    expect(await ids(later, { userId: "u-1" })).toEqual([b]);
    expect((await traces({ filter: JSON.stringify(later) })).meta.totalItems).toBe(2);
    expect(await ids([])).toHaveLength(3);
  });

  it("answers 400 with the reason for a bad filter", async () => {
    const issues = (filter: string) => ZTracesQuery.safeParse({ filter }).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues("{nope")).toEqual(["filter: filter is not valid JSON; expected a JSON array of filter conditions"]);
    expect(issues('{"type":"string"}')).toEqual(["filter: filter must be a JSON array of filter conditions"]);
    expect(issues('[{"type":"text","column":"name","operator":"=","value":"x"}]')?.[0]).toContain("type must be one of datetime, string");
    expect(issues('[{"type":"number","column":"latency","operator":"contains","value":1}]')?.[0]).toMatch(/^filter\.0\.operator: /);
    expect(issues('[{"type":"datetime","column":"timestamp","operator":">","value":"yesterday"}]')?.[0]).toMatch(/^filter\.0\.value: /);
    expect(issues('[{"type":"stringObject","column":"metadata","operator":"=","value":"x"}]')?.[0]).toMatch(/^filter\.0\.key: /);
    const bad = (filter: unknown[]) => traces({ filter: JSON.stringify(filter) });
    await expect(bad([{ type: "string", column: "nope", operator: "=", value: "x" }])).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('filter[0]: unknown column "nope"; available: id, name, timestamp'),
    });
    await expect(bad([{ type: "string", column: "tags", operator: "=", value: "x" }])).rejects.toMatchObject({
      status: 400,
      message: 'filter[0]: column "tags" does not take string conditions; use arrayOptions or stringOptions or null',
    });
    await expect(bad([{ type: "number", column: "scores_avg", operator: ">", value: 1 }])).rejects.toMatchObject({
      status: 400,
      message: 'filter[0]: column "scores_avg" does not take number conditions; use numberObject',
    });
    await expect(bad([{ type: "categoryOptions", column: "score_categories", operator: "any of", value: ["x"] }])).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("needs a key"),
    });
    await expect(bad([{ type: "categoryOptions", column: "metadata", operator: "any of", value: ["x"] }])).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("needs a key"),
    });
  });

  it("honours the fields selection", async () => {
    const [row] = (await traces({ fields: "core", userId: "u-1", orderBy: "timestamp.asc" })).data;
    expect(row).toMatchObject({ id: s.traces.a, observations: [], scores: [], latency: -1, totalCost: -1 });
    expect(row).not.toHaveProperty("input");
  });

  it("gets one trace with full observations and scores", async () => {
    const t = await getPublicTrace(s.pid, s.traces.a, ZTraceQuery.parse({}));
    expect(t.observations.map((o) => o.id)).toEqual([s.span, s.gen]);
    const g = t.observations.find((o) => o.id === s.gen);
    expect(g).toMatchObject({
      type: "GENERATION",
      parentObservationId: s.span,
      model: "gpt-4o",
      modelId: "builtin-gpt-4o",
      usageDetails: { input: 1000, output: 500, total: 1500 },
      usage: { unit: "TOKENS", input: 1000, output: 500, total: 1500 },
      promptTokens: 1000,
      completionTokens: 500,
      latency: 1.5,
      timeToFirstToken: 0.5,
      inputPrice: 2.5e-6,
      outputPrice: 1e-5,
      level: "WARNING",
    });
    expect(g?.calculatedInputCost).toBeCloseTo(0.0025, 10);
    expect(g?.calculatedTotalCost).toBeCloseTo(0.0075, 10);
    expect(t.scores.map((x) => x.name).sort()).toEqual(["helpful", "quality"]);
    expect(t.scores.find((x) => x.name === "helpful")).toMatchObject({
      dataType: "BOOLEAN",
      value: 1,
      stringValue: "True",
      observationId: s.gen,
    });
  });

  it("never returns another project's data", async () => {
    await expect(getPublicTrace(s.pid, other.traces.a, ZTraceQuery.parse({}))).rejects.toMatchObject({
      status: 404,
      code: "NotFound",
      message: `Trace ${other.traces.a} not found within authorized project`,
    });
    await expect(getPublicObservation(s.pid, other.gen)).rejects.toMatchObject({ status: 404 });
    await expect(getPublicScore(s.pid, other.score)).rejects.toMatchObject({ status: 404 });
    expect((await listPublicObservations(s.pid, { page: 1, limit: 50, traceId: other.traces.a })).data).toEqual([]);
    expect((await traces({})).data.every((t) => t.projectId === s.pid)).toBe(true);
  });

  it("lists observations (v1) with filters and totals", async () => {
    const q = (x: Record<string, unknown>) => listPublicObservations(s.pid, { page: 1, limit: 50, ...x });
    expect((await q({})).meta.totalItems).toBe(3);
    expect((await q({ type: "GENERATION" })).data.map((o) => o.id)).toEqual([s.gen]);
    expect((await q({ userId: "u-1" })).meta.totalItems).toBe(2);
    expect((await q({ parentObservationId: s.span })).data.map((o) => o.id)).toEqual([s.gen]);
    expect((await q({ level: "WARNING" })).meta.totalItems).toBe(1);
    expect((await q({ environment: ["staging"] })).meta.totalItems).toBe(1);
    expect((await q({ fromStartTime: at(50), toStartTime: at(1000) })).data.map((o) => o.id)).toEqual([s.gen]);
    expect((await q({ limit: 1, page: 3 })).meta).toEqual({ page: 3, limit: 1, totalItems: 3, totalPages: 3 });
    expect((await getPublicObservation(s.pid, s.gen)).traceId).toBe(s.traces.a);
    const f = (filter: unknown[], x: Record<string, unknown> = {}) =>
      listPublicObservations(s.pid, ZObservationsQuery.parse({ ...x, filter: JSON.stringify(filter) }));
    expect(
      (await f([{ type: "stringObject", column: "metadata", key: "step", operator: "contains", value: "ANS" }])).data.map((o) => o.id),
    ).toEqual([s.gen]);
    expect((await f([{ type: "number", column: "inputTokens", operator: ">=", value: 1000 }])).data.map((o) => o.id)).toEqual([s.gen]);
    expect((await f([{ type: "number", column: "latency", operator: ">", value: 1.9 }])).data.map((o) => o.id)).toEqual([s.span]);
    expect((await f([{ type: "arrayOptions", column: "traceTags", operator: "any of", value: ["prod"] }])).meta.totalItems).toBe(2);
    expect((await f([{ type: "string", column: "model", operator: "=", value: "gpt-4o" }])).meta.totalItems).toBe(1);
    // startTime conditions replace fromStartTime/toStartTime; type still applies.
    const early = [{ type: "datetime", column: "startTime", operator: "<", value: at(50) }];
    expect((await f(early, { fromStartTime: at(60), type: "SPAN" })).data.map((o) => o.id)).toEqual([s.span]);
    expect((await f(early, { type: "GENERATION" })).meta.totalItems).toBe(0);
  });

  it("pages observations (v2) by cursor with field groups", async () => {
    const q = (x: Record<string, unknown>) => listPublicObservationsV2(s.pid, ZObservationsV2Query.parse(x));
    const first = await q({ limit: "2" });
    expect(first.data).toHaveLength(2);
    expect(first.data[0]).not.toHaveProperty("input");
    expect(first.data[0]).toHaveProperty("name");
    expect(first.meta.cursor).toBeTruthy();
    const second = await q({ limit: "2", cursor: first.meta.cursor });
    expect(second.data).toHaveLength(1);
    expect(second.meta.cursor).toBeUndefined();
    expect(new Set([...first.data, ...second.data].map((o) => o.id)).size).toBe(3);
    const [g] = (await q({ type: "GENERATION", fields: "core,model,usage,metrics,trace_context" })).data;
    expect(g).toMatchObject({ modelId: "builtin-gpt-4o", inputPrice: "0.0000025", latency: 1.5, traceName: "chat", tags: ["prod", "x"] });
    expect(g).not.toHaveProperty("name");
    expect((await q({ sessionId: "s-1" })).data).toHaveLength(2);
    expect((await q({ isRootObservation: "true" })).data).toHaveLength(2);
    expect((await q({ parentObservationId: "" })).data.map((o) => o.parentObservationId)).toEqual([null, null]);
    expect((await q({ parentObservationId: s.span })).data.map((o) => o.id)).toEqual([s.gen]);
    await expect(q({ cursor: "garbage" })).rejects.toMatchObject({ status: 400 });
    const filtered = (filter: unknown[], x: Record<string, unknown> = {}) => q({ ...x, filter: JSON.stringify(filter) });
    expect((await filtered([{ type: "boolean", column: "isRootObservation", operator: "=", value: false }])).data.map((o) => o.id)).toEqual(
      [s.gen],
    );
    expect((await filtered([{ type: "string", column: "traceName", operator: "=", value: "batch" }])).data).toHaveLength(1);
    await expect(filtered([{ type: "string", column: "tags", operator: "=", value: "x" }])).rejects.toMatchObject({ status: 400 });
    expect(() => ZObservationsV2Query.parse({ parseIoAsJson: "true" })).toThrow();
    expect(() => ZObservationsV2Query.parse({ limit: "1001" })).toThrow();
  });

  it("lists and gets sessions", async () => {
    const list = await listPublicSessions(s.pid, { page: 1, limit: 50 });
    expect(list.data).toEqual([{ id: "s-1", createdAt: expect.any(String), projectId: s.pid, environment: "default" }]);
    expect((await listPublicSessions(s.pid, { page: 1, limit: 50, environment: ["staging"] })).meta.totalItems).toBe(0);
    const session = await getPublicSession(s.pid, "s-1");
    expect(session.traces.map((t) => t.id)).toEqual([s.traces.a, s.traces.b]);
    await expect(getPublicSession(s.pid, "nope")).rejects.toMatchObject({ status: 404 });
  });

  it("lists scores (v2) with filters", async () => {
    const q = (x: Record<string, unknown>) => listPublicScores(s.pid, ZScoresQuery.parse(x));
    expect((await q({})).meta.totalItems).toBe(2);
    expect((await q({ name: "quality" })).data[0]).toMatchObject({
      id: s.score,
      value: 0.9,
      dataType: "NUMERIC",
      trace: { userId: "u-1" },
    });
    expect((await q({ operator: ">", value: "0.95" })).data.map((x) => x.name)).toEqual(["helpful"]);
    expect((await q({ dataType: "BOOLEAN" })).meta.totalItems).toBe(1);
    expect((await q({ userId: "u-2" })).meta.totalItems).toBe(0);
    expect((await q({ traceTags: "prod" })).meta.totalItems).toBe(2);
    expect((await q({ scoreIds: `${s.score},${other.score}` })).data.map((x) => x.id)).toEqual([s.score]);
    expect((await q({ observationId: s.gen })).meta.totalItems).toBe(1);
    expect((await q({ fields: "score" })).data[0]).not.toHaveProperty("trace");
    expect(() => ZScoresQuery.parse({ limit: "101" })).toThrow();
    expect(() => ZScoresQuery.parse({ operator: ">" })).toThrow();
    // Trace filters need the trace join (Langfuse answers 400 too).
    expect(ZScoresQuery.safeParse({ userId: "u-1", fields: "score" }).error?.issues[0]?.message).toContain("'trace' field group");
    const filtered = (filter: unknown[], x: Record<string, unknown> = {}) => q({ ...x, filter: JSON.stringify(filter) });
    expect(
      (await filtered([{ type: "stringObject", column: "metadata", key: "reviewer", operator: "=", value: "ann" }])).data.map((x) => x.id),
    ).toEqual([s.score]);
    expect(
      (await filtered([{ type: "number", column: "value", operator: ">=", value: 0.95 }], { operator: "<", value: "0.5" })).data.map(
        (x) => x.name,
      ),
    ).toEqual(["helpful"]);
    expect((await filtered([{ type: "string", column: "dataType", operator: "=", value: "BOOLEAN" }])).meta.totalItems).toBe(1);
    await expect(filtered([{ type: "number", column: "name", operator: "=", value: 1 }])).rejects.toMatchObject({ status: 400 });
  });

  it("lists trace scores only on the v1 scores endpoint", async () => {
    const mine = await seed();
    await ingest(mine.pid, [ev("score-create", { id: randomUUID(), sessionId: "s-1", name: "session-quality", value: 1 })]);
    const q = (x: Record<string, unknown>) => listPublicScoresV1(mine.pid, ZScoresV1Query.parse(x));
    expect((await listPublicScores(mine.pid, ZScoresQuery.parse({}))).meta.totalItems).toBe(3);
    const all = await q({});
    expect(all.meta).toEqual({ page: 1, limit: 50, totalItems: 2, totalPages: 1 });
    expect(all.data.every((x) => x.traceId !== null)).toBe(true);
    expect((await q({ name: "quality" })).data[0]).toMatchObject({
      id: mine.score,
      value: 0.9,
      trace: { userId: "u-1", tags: ["prod", "x"] },
    });
    expect((await q({ userId: "u-1", operator: ">=", value: "1" })).data.map((x) => x.name)).toEqual(["helpful"]);
    expect((await q({ scoreIds: `${mine.score},${s.score}` })).data.map((x) => x.id)).toEqual([mine.score]);
    expect(ZScoresV1Query.safeParse({ limit: "101" }).success).toBe(false);
    expect(ZScoresV1Query.safeParse({ value: "1" }).success).toBe(false);
  });

  it("rejects malformed query parameters", () => {
    expect(ZTracesQuery.safeParse({ page: "0" }).success).toBe(false);
    expect(ZTracesQuery.safeParse({ fromTimestamp: "yesterday" }).success).toBe(false);
    expect(ZTracesQuery.safeParse({ orderBy: "input.asc" }).success).toBe(false);
    expect(ZTracesQuery.safeParse({ page: "", limit: "" }).success).toBe(true);
  });

  it("deletes traces with their observations and scores, only in the key's project", async () => {
    const mine = await seed();
    await deletePublicTraces(mine.pid, [mine.traces.a, other.traces.b]);
    expect(await prisma.trace.count({ where: { projectId: mine.pid } })).toBe(2);
    expect(await prisma.observation.count({ where: { projectId: mine.pid, traceId: mine.traces.a } })).toBe(0);
    expect(await prisma.score.count({ where: { projectId: mine.pid } })).toBe(0);
    expect(await prisma.trace.count({ where: { projectId: other.pid, id: other.traces.b } })).toBe(1);
    expect(await deletePublicTraces(mine.pid, [mine.traces.b])).toEqual({ message: "Trace deleted successfully" });
  });
});

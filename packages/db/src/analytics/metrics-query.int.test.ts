import { randomUUID } from "node:crypto";
import { ZMetricsQuery } from "@loupe/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectPrisma, prisma } from "../client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { createTestProject } from "../testing/index.ts";
import { runMetricsQuery } from "./metrics-query.ts";

// Every measure and dimension the semantic layer added for dashboards, against real Postgres rows whose
// aggregates are known by hand.

let projectId = "";
const range = { fromTimestamp: "2026-11-01T00:00:00Z", toTimestamp: "2026-12-01T00:00:00Z" };
const at = (iso: string, ms = 0) => new Date(Date.parse(iso) + ms);
const run = (q: object, version: 1 | 2 = 1) => runMetricsQuery(projectId, ZMetricsQuery.parse({ ...range, ...q }), { version });
/** Rows by their first column, nulls last. */
const byFirst = (rows: Record<string, unknown>[]) =>
  [...rows].sort((a, b) => {
    const [x, y] = [Object.values(a)[0], Object.values(b)[0]];
    return x === null ? 1 : y === null ? -1 : String(x).localeCompare(String(y));
  });

beforeAll(async () => {
  projectId = (await createTestProject({ hashedSecretKey: randomUUID() })).project.id;
  const trace = (id: string, patch: Omit<Prisma.TraceCreateManyInput, "projectId" | "id">) => ({
    projectId,
    id,
    environment: "prod",
    observationCount: 1,
    ...patch,
  });
  await prisma.trace.createMany({
    data: [
      trace("t1", {
        name: "chat",
        userId: "u1",
        sessionId: "s1",
        tags: ["a", "b"],
        release: "r1",
        version: "v1",
        metadata: { tier: "gold" },
        timestamp: at("2026-11-20T10:00:00Z"),
        latencyMs: 1000,
        totalCost: 0.5,
        observationCount: 2,
        level: "ERROR",
      }),
      trace("t2", { name: "chat", userId: "u2", sessionId: "s1", tags: ["a"], timestamp: at("2026-11-20T15:00:00Z"), latencyMs: 3000 }),
      trace("t3", { name: "search", userId: "u1", environment: "dev", timestamp: at("2026-11-21T10:30:00Z"), latencyMs: 500 }),
    ],
  });
  const generation = (id: string, traceId: string, start: Date, patch: Partial<Prisma.ObservationCreateManyInput>) => ({
    projectId,
    id,
    traceId,
    type: "GENERATION",
    name: "llm",
    startTime: start,
    environment: "prod",
    ...patch,
  });
  await prisma.observation.createMany({
    data: [
      generation("o1", "t1", at("2026-11-20T10:00:00Z"), {
        endTime: at("2026-11-20T10:00:00Z", 1000),
        completionStartTime: at("2026-11-20T10:00:00Z", 200),
        model: "gpt-4o",
        inputTokens: 100,
        outputTokens: 50,
        totalTokens: 150,
        totalCost: 0.2,
        promptName: "p1",
        promptVersion: 1,
        metadata: { tier: "gold", region: "eu" },
      }),
      {
        projectId,
        id: "o2",
        traceId: "t1",
        type: "TOOL",
        name: "search-tool",
        startTime: at("2026-11-20T10:00:00.500Z"),
        endTime: at("2026-11-20T10:00:00.600Z"),
        level: "ERROR",
        metadata: { region: "us" },
      },
      generation("o3", "t2", at("2026-11-20T15:00:00Z"), {
        endTime: at("2026-11-20T15:00:00Z", 3000),
        completionStartTime: at("2026-11-20T15:00:00Z", 600),
        model: "gpt-4o-mini",
        inputTokens: 200,
        outputTokens: 100,
        totalTokens: 300,
        totalCost: 0.3,
        metadata: { tier: "basic" },
      }),
      generation("o4", "t3", at("2026-11-21T10:30:00Z"), {
        endTime: at("2026-11-21T10:30:00Z", 500),
        model: "gpt-4o",
        level: "ERROR",
        inputTokens: 10,
        outputTokens: 5,
        totalTokens: 15,
        totalCost: 0.1,
        environment: "dev",
        metadata: { 'weird key\'; DROP TABLE "Trace"; --': "x" },
      }),
    ],
  });
  const score = (id: string, patch: Omit<Prisma.ScoreCreateManyInput, "projectId" | "id">) => ({
    projectId,
    id,
    timestamp: at("2026-11-20T12:00:00Z"),
    ...patch,
  });
  await prisma.score.createMany({
    data: [
      score("s1", { name: "quality", value: 0.8, dataType: "NUMERIC", source: "API", traceId: "t1", observationId: "o1" }),
      score("s2", { name: "quality", value: 0.4, dataType: "NUMERIC", source: "EVAL", traceId: "t2", observationId: "o3" }),
      score("s3", { name: "sentiment", stringValue: "pos", dataType: "CATEGORICAL", traceId: "t1" }),
      score("s4", { name: "sentiment", stringValue: "neg", dataType: "CATEGORICAL", traceId: "t2" }),
      score("s5", { name: "sentiment", stringValue: "pos", dataType: "CATEGORICAL", traceId: "t3" }),
    ],
  });
});

afterAll(async () => {
  await disconnectPrisma();
});

describe("measures", () => {
  it("error: sum is the number of ERROR observations, avg their share (per group too)", async () => {
    const metrics = [
      { measure: "error", aggregation: "sum" },
      { measure: "error", aggregation: "avg" },
    ];
    expect(await run({ view: "observations", metrics })).toEqual([{ sum_error: 2, avg_error: 0.5 }]);
    const byType = await run({
      view: "observations",
      dimensions: [{ field: "type" }],
      metrics,
      orderBy: [{ field: "type", direction: "asc" }],
    });
    expect(byType).toEqual([
      { type: "GENERATION", sum_error: 1, avg_error: 1 / 3 },
      { type: "TOOL", sum_error: 1, avg_error: 1 },
    ]);
    expect(await run({ view: "traces", metrics: [{ measure: "error", aggregation: "avg" }] })).toEqual([{ avg_error: 1 / 3 }]);
  });

  it("timeToFirstToken: ms from start to completion start, observations without one left out", async () => {
    const [row] = await run({
      view: "observations",
      metrics: [
        { measure: "timeToFirstToken", aggregation: "p50" },
        { measure: "timeToFirstToken", aggregation: "max" },
        { measure: "timeToFirstToken", aggregation: "count" },
      ],
    });
    expect(row).toEqual({ p50_timeToFirstToken: 400, max_timeToFirstToken: 600, count_timeToFirstToken: 2 });
  });

  it("unique counts: the unique* measures under count/uniq, and uniq of any measure", async () => {
    expect(
      await run({
        view: "traces",
        metrics: [
          { measure: "uniqueUserIds", aggregation: "count" },
          { measure: "uniqueSessionIds", aggregation: "uniq" },
        ],
      }),
    ).toEqual([{ count_uniqueUserIds: 2, uniq_uniqueSessionIds: 1 }]);
    expect(
      await run({
        view: "observations",
        metrics: [
          { measure: "uniqueTraceIds", aggregation: "count" },
          { measure: "uniqueUserIds", aggregation: "count" },
          { measure: "totalTokens", aggregation: "uniq" },
        ],
      }),
    ).toEqual([{ count_uniqueTraceIds: 3, count_uniqueUserIds: 2, uniq_totalTokens: 3 }]);
    await expect(run({ view: "traces", metrics: [{ measure: "uniqueUserIds", aggregation: "p95" }] })).rejects.toThrow(
      /counts distinct values/,
    );
  });

  it("min, max, p75/p90/p99 and tokensPerSecond", async () => {
    const [row] = await run({
      view: "traces",
      metrics: ["min", "max", "p75", "p90", "p99"].map((aggregation) => ({ measure: "latency", aggregation })),
    });
    // percentile_cont interpolates linearly over [500, 1000, 3000].
    expect(row).toEqual({ min_latency: 500, max_latency: 3000, p75_latency: 2000, p90_latency: 2600, p99_latency: 2960 });
    const [tps] = await run({
      view: "observations",
      filters: [{ column: "model", type: "string", operator: "=", value: "gpt-4o-mini" }],
      metrics: [{ measure: "tokensPerSecond", aggregation: "avg" }],
    });
    expect(tps).toEqual({ avg_tokensPerSecond: 100 });
  });
});

describe("dimensions", () => {
  it("tag: one row per tag (untagged traces under null); tags: the whole list", async () => {
    const perTag = await run({ view: "traces", dimensions: [{ field: "tag" }], metrics: [{ measure: "count", aggregation: "count" }] });
    expect(byFirst(perTag)).toEqual([
      { tag: "a", count_count: 2 },
      { tag: "b", count_count: 1 },
      { tag: null, count_count: 1 },
    ]);
    const lists = await run({ view: "traces", dimensions: [{ field: "tags" }], metrics: [{ measure: "count", aggregation: "count" }] });
    expect(lists.map((r) => r.tags).sort()).toEqual([[], ["a"], ["a", "b"]]);
    const obsPerTag = await run({
      view: "observations",
      dimensions: [{ field: "tag" }],
      metrics: [{ measure: "totalCost", aggregation: "sum" }],
      orderBy: [{ field: "sum_totalCost", direction: "desc" }],
    });
    expect(obsPerTag).toEqual([
      { tag: "a", sum_totalCost: 0.5 },
      { tag: "b", sum_totalCost: 0.2 },
      { tag: null, sum_totalCost: 0.1 },
    ]);
    await expect(
      run({
        view: "traces",
        metrics: [{ measure: "count", aggregation: "count" }],
        filters: [{ column: "tag", type: "string", operator: "=", value: "a" }],
      }),
    ).rejects.toThrow(/unknown column "tag"/);
  });

  it("hourOfDay (UTC), model, release, version, environment, user, session, level, month", async () => {
    const count = [{ measure: "count", aggregation: "count" }];
    const grouped = async (view: string, field: string) =>
      byFirst(await run({ view, dimensions: [{ field }], metrics: count })).map((r) => [r[field], r.count_count]);
    expect(await grouped("observations", "hourOfDay")).toEqual([
      [10, 3],
      [15, 1],
    ]);
    expect(await grouped("observations", "model")).toEqual([
      ["gpt-4o", 2],
      ["gpt-4o-mini", 1],
      [null, 1],
    ]);
    expect(await grouped("observations", "release")).toEqual([
      ["r1", 2],
      [null, 2],
    ]);
    expect(await grouped("observations", "promptName")).toEqual([
      ["p1", 1],
      [null, 3],
    ]);
    expect(await grouped("traces", "version")).toEqual([
      ["v1", 1],
      [null, 2],
    ]);
    expect(await grouped("traces", "environment")).toEqual([
      ["dev", 1],
      ["prod", 2],
    ]);
    expect(await grouped("traces", "userId")).toEqual([
      ["u1", 2],
      ["u2", 1],
    ]);
    expect(await grouped("traces", "sessionId")).toEqual([
      ["s1", 2],
      [null, 1],
    ]);
    expect(await grouped("traces", "level")).toEqual([
      ["DEFAULT", 2],
      ["ERROR", 1],
    ]);
    expect(await grouped("traces", "timestampMonth")).toEqual([["2026-11", 3]]);
  });

  it("score name/source, categorical distributions and the scored observation's model", async () => {
    const bySource = await run({
      view: "scores-numeric",
      dimensions: [{ field: "name" }, { field: "source" }],
      metrics: [{ measure: "value", aggregation: "avg" }],
      orderBy: [{ field: "source", direction: "asc" }],
    });
    expect(bySource).toEqual([
      { name: "quality", source: "API", avg_value: 0.8 },
      { name: "quality", source: "EVAL", avg_value: 0.4 },
    ]);
    const distribution = await run({
      view: "scores-categorical",
      dimensions: [{ field: "name" }, { field: "stringValue" }],
      metrics: [{ measure: "count", aggregation: "count" }],
      orderBy: [{ field: "count_count", direction: "desc" }],
    });
    expect(distribution).toEqual([
      { name: "sentiment", stringValue: "pos", count_count: 2 },
      { name: "sentiment", stringValue: "neg", count_count: 1 },
    ]);
    const byModel = await run({
      view: "scores-numeric",
      dimensions: [{ field: "observationModelName" }, { field: "observationPromptName" }],
      metrics: [{ measure: "value", aggregation: "max" }],
      orderBy: [{ field: "max_value", direction: "desc" }],
    });
    expect(byModel).toEqual([
      { observationModelName: "gpt-4o", observationPromptName: "p1", max_value: 0.8 },
      { observationModelName: "gpt-4o-mini", observationPromptName: null, max_value: 0.4 },
    ]);
  });
});

describe("metadata.<key>", () => {
  it("groups by any key's value (absent → null), the key bound, never spliced", async () => {
    const tiers = await run({
      view: "observations",
      dimensions: [{ field: "metadata.tier" }],
      metrics: [{ measure: "count", aggregation: "count" }],
    });
    expect(byFirst(tiers)).toEqual([
      { "metadata.tier": "basic", count_count: 1 },
      { "metadata.tier": "gold", count_count: 1 },
      { "metadata.tier": null, count_count: 2 },
    ]);
    const field = 'metadata.weird key\'; DROP TABLE "Trace"; --';
    const weird = await run({
      view: "observations",
      dimensions: [{ field }],
      metrics: [{ measure: "count", aggregation: "count" }],
      orderBy: [{ field, direction: "asc" }],
    });
    expect(weird).toEqual([
      { [field]: "x", count_count: 1 },
      { [field]: null, count_count: 3 },
    ]);
    expect(await prisma.trace.count({ where: { projectId } })).toBe(3);
    const traceTier = await run({
      view: "traces",
      dimensions: [{ field: "metadata.tier" }],
      metrics: [{ measure: "latency", aggregation: "sum" }],
    });
    expect(byFirst(traceTier)).toEqual([
      { "metadata.tier": "gold", sum_latency: 1000 },
      { "metadata.tier": null, sum_latency: 3500 },
    ]);
  });

  it("filters on any key, as metadata.<key> or Langfuse's {column: metadata, key}", async () => {
    const count = async (filters: object[]) =>
      (await run({ view: "observations", metrics: [{ measure: "count", aggregation: "count" }], filters }))[0]?.count_count;
    expect(await count([{ column: "metadata.region", type: "stringOptions", operator: "any of", value: ["eu"] }])).toBe(1);
    expect(await count([{ column: "metadata.tier", type: "null", operator: "is null" }])).toBe(2);
    expect(await count([{ column: "metadata.tier", type: "string", operator: "starts with", value: "go" }])).toBe(1);
    expect(await count([{ column: "metadata", key: "tier", type: "stringObject", operator: "=", value: "basic" }])).toBe(1);
  });

  it("works with histograms grouped by a key, and rejects bad keys with 400 reasons", async () => {
    const rows = await run({
      view: "observations",
      dimensions: [{ field: "metadata.region" }],
      metrics: [{ measure: "latency", aggregation: "histogram" }],
      config: { bins: 1 },
      filters: [{ column: "metadata.region", type: "null", operator: "is not null" }],
      orderBy: [{ field: "metadata.region", direction: "asc" }],
    });
    expect(rows).toEqual([
      { "metadata.region": "eu", histogram_latency: [[1000, 1000, 1]] },
      { "metadata.region": "us", histogram_latency: [[100, 100, 1]] },
    ]);
    for (const field of ["metadata.", `metadata.${"k".repeat(201)}`, "metadata.a\u0000b"])
      await expect(
        run({ view: "observations", dimensions: [{ field }], metrics: [{ measure: "count", aggregation: "count" }] }),
      ).rejects.toThrow(/metadata key is 1–200 characters/);
    await expect(
      run({ view: "observations", dimensions: [{ field: "nope" }], metrics: [{ measure: "count", aggregation: "count" }] }),
    ).rejects.toThrow(/Unknown dimension "nope".*metadata\.<key>/);
  });
});

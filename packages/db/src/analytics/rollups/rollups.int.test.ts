import { randomUUID } from "node:crypto";
import { type TMetricsQuery, ZMetricsQuery } from "@loupe/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectPrisma, prisma } from "../../client.ts";
import { createTestProject } from "../../testing/index.ts";
import { runMetricsQuery } from "../metrics-query.ts";
import { backfillMetricRollups, compactMetricRollups, enableMetadataRollup } from "./maintain.ts";
import { answerFromRollups } from "./plan.ts";

// The rollups against the raw rows they summarise: rows written, rewritten (SDK retries, updates that
// move an observation to another hour or model, out-of-order upgrades of level) and deleted, then
// every covered query answered both ways. Sums, counts and averages must be equal; percentiles within
// the histogram's ±2.5 %.

const DAY0 = Date.parse("2026-11-10T00:00:00Z");
const range = { fromTimestamp: "2026-11-10T00:00:00Z", toTimestamp: "2026-11-14T00:00:00Z" };
const NAMES = ["chat", "search", "embed", null];
const MODELS = ["gpt-4o", "gpt-4o-mini", null];
const LEVELS = ["DEFAULT", "DEFAULT", "WARNING", "ERROR"];

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function seed(projectId: string, rand: () => number, n: number) {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const observation = (i: number) => {
    const start = new Date(DAY0 + Math.floor(rand() * 4 * 86_400_000));
    const latency = Math.floor(rand() ** 3 * 20_000);
    return {
      projectId,
      id: `o${i}`,
      traceId: `t${i % 40}`,
      type: pick(["GENERATION", "SPAN", "TOOL"]),
      name: pick(NAMES),
      model: pick(MODELS),
      level: pick(LEVELS),
      environment: pick(["prod", "dev"]),
      startTime: start,
      endTime: rand() < 0.9 ? new Date(start.getTime() + latency) : null,
      completionStartTime: rand() < 0.5 ? new Date(start.getTime() + Math.floor(latency * rand())) : null,
      inputTokens: rand() < 0.8 ? Math.floor(rand() * 1000) : null,
      outputTokens: Math.floor(rand() * 300),
      totalCost: rand() < 0.7 ? Math.round(rand() * 1e6) / 1e9 : null,
      costDetails: { input: Math.round(rand() * 1e6) / 1e9 },
      promptName: rand() < 0.3 ? "support" : null,
      promptVersion: rand() < 0.3 ? 1 + Math.floor(rand() * 3) : null,
      metadata: rand() < 0.7 ? { tier: pick(["gold", "basic"]), attempt: Math.floor(rand() * 3) } : {},
    };
  };
  const rows = Array.from({ length: n }, (_, i) => observation(i));
  await prisma.observation.createMany({ data: rows });
  // Retries: the same rows again (no-op upserts), then updates that change contributions.
  for (const row of rows.slice(0, n / 4)) {
    await prisma.observation.upsert({ where: { projectId_id: { projectId, id: row.id } }, create: row, update: { output: "retried" } });
  }
  for (const row of rows.slice(0, n / 5)) {
    const moved = observation(Number(row.id.slice(1)));
    await prisma.observation.update({
      where: { projectId_id: { projectId, id: row.id } },
      data: { startTime: moved.startTime, endTime: moved.endTime, model: moved.model, level: "ERROR", totalCost: moved.totalCost },
    });
  }
  await prisma.observation.deleteMany({ where: { projectId, id: { in: rows.slice(n - n / 10).map((r) => r.id) } } });
  const traces = Array.from({ length: 40 }, (_, i) => ({
    projectId,
    id: `t${i}`,
    name: pick(NAMES),
    environment: pick(["prod", "dev"]),
    release: pick(["r1", "r2", null]),
    timestamp: new Date(DAY0 + Math.floor(rand() * 4 * 86_400_000)),
    observationCount: Math.floor(rand() * 4),
    latencyMs: rand() * 10_000,
    totalCost: Math.round(rand() * 1e6) / 1e9,
    level: pick(LEVELS),
  }));
  await prisma.trace.createMany({ data: traces });
  await prisma.trace.updateMany({ where: { projectId, id: { in: ["t1", "t2", "t3"] } }, data: { name: "renamed", latencyMs: 42 } });
  await prisma.score.createMany({
    data: Array.from({ length: 120 }, (_, i) => ({
      projectId,
      id: `s${i}`,
      name: pick(["quality", "helpfulness", "sentiment"]),
      ...(i % 3 === 0
        ? { dataType: "CATEGORICAL" as const, stringValue: pick(["pos", "neg", "neutral"]) }
        : { dataType: "NUMERIC" as const, value: Math.round(rand() * 100) / 100 }),
      source: pick(["API", "EVAL", "ANNOTATION"] as const),
      traceId: `t${i % 40}`,
      timestamp: new Date(DAY0 + Math.floor(rand() * 4 * 86_400_000)),
    })),
  });
  await prisma.score.updateMany({ where: { projectId, id: { in: ["s1", "s2", "s4"] } }, data: { value: 0.5, name: "quality" } });
  await prisma.score.deleteMany({ where: { projectId, id: { in: ["s5", "s7"] } } });
}

const q = (query: object): TMetricsQuery => ZMetricsQuery.parse({ ...range, ...query });

const QUERIES: TMetricsQuery[] = [
  q({ view: "observations", metrics: [{ measure: "count", aggregation: "count" }] }),
  q({
    view: "observations",
    dimensions: [{ field: "providedModelName" }],
    timeDimension: { granularity: "day" },
    metrics: [
      { measure: "totalCost", aggregation: "sum" },
      { measure: "count", aggregation: "count" },
      { measure: "inputTokens", aggregation: "avg" },
      { measure: "inputCost", aggregation: "sum" },
    ],
  }),
  q({
    view: "observations",
    dimensions: [{ field: "name" }, { field: "type" }],
    metrics: [
      { measure: "error", aggregation: "avg" },
      { measure: "error", aggregation: "sum" },
      { measure: "latency", aggregation: "count" },
      { measure: "timeToFirstToken", aggregation: "avg" },
    ],
    filters: [{ column: "environment", type: "stringOptions", operator: "any of", value: ["prod"] }],
  }),
  q({
    view: "observations",
    dimensions: [{ field: "name" }, { field: "hourOfDay" }],
    metrics: [{ measure: "count", aggregation: "count" }],
    filters: [{ column: "type", type: "string", operator: "=", value: "TOOL" }],
  }),
  q({
    view: "observations",
    timeDimension: { granularity: "hour" },
    fromTimestamp: "2026-11-11T05:00:00Z",
    toTimestamp: "2026-11-12T05:00:00Z",
    metrics: [
      { measure: "totalTokens", aggregation: "sum" },
      { measure: "outputTokens", aggregation: "sum" },
    ],
  }),
  q({
    view: "observations",
    dimensions: [{ field: "promptName" }, { field: "promptVersion" }],
    timeDimension: { granularity: "week" },
    fromTimestamp: "2026-11-10T07:00:00Z",
    toTimestamp: "2026-11-13T19:00:00Z",
    metrics: [{ measure: "count", aggregation: "count" }],
  }),
  q({
    view: "traces",
    dimensions: [{ field: "name" }],
    timeDimension: { granularity: "day" },
    metrics: [
      { measure: "count", aggregation: "count" },
      { measure: "totalCost", aggregation: "sum" },
      { measure: "latency", aggregation: "avg" },
      { measure: "error", aggregation: "avg" },
    ],
  }),
  q({
    view: "traces",
    dimensions: [{ field: "release" }, { field: "level" }],
    metrics: [{ measure: "observationsCount", aggregation: "sum" }],
  }),
];
const PERCENTILE_QUERIES: TMetricsQuery[] = [
  q({
    view: "observations",
    dimensions: [{ field: "providedModelName" }],
    metrics: [
      { measure: "latency", aggregation: "p50" },
      { measure: "latency", aggregation: "p95" },
      { measure: "timeToFirstToken", aggregation: "p90" },
    ],
  }),
  q({ view: "traces", dimensions: [{ field: "environment" }], metrics: [{ measure: "latency", aggregation: "p99" }] }),
];

/** Rows in a stable order, for comparing answers whose row order the query leaves open. */
const sorted = (rows: Record<string, unknown>[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const round = (rows: Record<string, unknown>[]) =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? Number(v.toPrecision(10)) : v])));

async function expectSameAnswers(projectId: string) {
  for (const query of QUERIES) {
    const [rolled, raw] = await Promise.all([
      runMetricsQuery(projectId, query, { version: 1 }),
      runMetricsQuery(projectId, query, { version: 1, rollups: false }),
    ]);
    expect(raw.length).toBeGreaterThan(0);
    expect(round(sorted(rolled))).toEqual(round(sorted(raw)));
  }
  for (const query of PERCENTILE_QUERIES) {
    const rolled = sorted(await runMetricsQuery(projectId, query, { version: 1 }));
    const raw = sorted(await runMetricsQuery(projectId, query, { version: 1, rollups: false }));
    expect(rolled.length).toBe(raw.length);
    rolled.forEach((row, i) => {
      for (const [k, v] of Object.entries(raw[i] as object)) {
        if (typeof v !== "number" || k.startsWith("d")) expect(row[k]).toEqual(v);
        // Each rank read as its slot's geometric middle: within ±2.5 % (±1 ms below 1 ms).
        else expect(Math.abs((row[k] as number) - v)).toBeLessThanOrEqual(v * 0.025 + 1);
      }
    });
  }
}

let projectId = "";
beforeAll(async () => {
  projectId = (await createTestProject({ hashedSecretKey: randomUUID() })).project.id;
  await seed(projectId, random(7), 400);
});

afterAll(async () => {
  await disconnectPrisma();
});

describe("metric rollups", () => {
  it("answer covered queries from rollups, counting pending deltas before any compaction", async () => {
    expect(await prisma.$queryRaw`SELECT count(*)::int AS n FROM "ObservationRollup" WHERE "projectId" = ${projectId}`).toEqual([{ n: 0 }]);
    for (const query of [...QUERIES, ...PERCENTILE_QUERIES]) expect(await answerFromRollups(projectId, query, null)).not.toBeNull();
    await expectSameAnswers(projectId);
  });

  it("fold every delta once: compaction empties the delta tables, answers stay equal, a second compaction folds nothing", async () => {
    expect(await compactMetricRollups(projectId)).toBeGreaterThan(400);
    const [pending] = await prisma.$queryRaw<{ n: number }[]>`
      SELECT ((SELECT count(*) FROM "ObservationRollupDelta" WHERE "projectId" = ${projectId})
        + (SELECT count(*) FROM "TraceRollupDelta" WHERE "projectId" = ${projectId}))::int AS n`;
    expect(pending?.n).toBe(0);
    await expectSameAnswers(projectId);
    expect(await compactMetricRollups(projectId)).toBe(0);
    // More changes after the compaction: rollup + new deltas.
    await prisma.observation.updateMany({ where: { projectId, model: "gpt-4o" }, data: { model: "gpt-4.1", level: "DEFAULT" } });
    await prisma.observation.deleteMany({ where: { projectId, name: "embed" } });
    await expectSameAnswers(projectId);
    await compactMetricRollups(projectId);
    await expectSameAnswers(projectId);
  });

  it("read raw rows for projects awaiting a backfill, and rebuild them exactly with it", async () => {
    const other = (await createTestProject({ hashedSecretKey: randomUUID() })).project.id;
    await seed(other, random(11), 200);
    // As if the rows predated the triggers: no rollup rows, no deltas, the project listed.
    await prisma.$executeRaw`DELETE FROM "ObservationRollupDelta" WHERE "projectId" = ${other}`;
    await prisma.$executeRaw`DELETE FROM "TraceRollupDelta" WHERE "projectId" = ${other}`;
    await prisma.$executeRaw`INSERT INTO "MetricRollupBackfill" ("projectId") VALUES (${other})`;
    expect(await answerFromRollups(other, QUERIES[0] as TMetricsQuery, null)).toBeNull();
    await backfillMetricRollups(other);
    expect(await answerFromRollups(other, QUERIES[0] as TMetricsQuery, null)).not.toBeNull();
    await expectSameAnswers(other);
    // Idempotent: a second backfill gives the same rollups.
    await backfillMetricRollups(other);
    await expectSameAnswers(other);
  });

  it("leave uncovered queries to the raw scan: unaligned ranges, metadata, trace context, min/max, minute buckets", async () => {
    const count = [{ measure: "count", aggregation: "count" }];
    for (const query of [
      q({ view: "observations", metrics: count, fromTimestamp: "2026-11-10T00:30:00Z" }),
      q({ view: "observations", metrics: count, dimensions: [{ field: "metadata.tier" }] }),
      q({ view: "observations", metrics: count, dimensions: [{ field: "traceName" }] }),
      q({ view: "observations", metrics: count, filters: [{ column: "userId", type: "string", operator: "=", value: "u" }] }),
      q({ view: "observations", metrics: [{ measure: "latency", aggregation: "max" }] }),
      q({ view: "observations", metrics: [{ measure: "totalCost", aggregation: "p95" }] }),
      q({ view: "observations", metrics: count, filters: [{ column: "latency", type: "number", operator: ">", value: 1 }] }),
      q({ view: "scores-numeric", metrics: [{ measure: "uniqueTraceIds", aggregation: "count" }] }),
      q({ view: "scores-numeric", metrics: count, dimensions: [{ field: "traceName" }] }),
      q({ view: "traces", metrics: count, dimensions: [{ field: "tag" }, { field: "name" }] }),
      q({ view: "traces", metrics: count, dimensions: [{ field: "userId" }, { field: "sessionId" }] }),
      q({ view: "traces", metrics: [{ measure: "latency", aggregation: "p95" }], dimensions: [{ field: "userId" }] }),
      q({ view: "traces", metrics: [{ measure: "error", aggregation: "avg" }], dimensions: [{ field: "sessionId" }] }),
      q({
        view: "traces",
        metrics: count,
        dimensions: [{ field: "userId" }],
        filters: [{ column: "tags", type: "arrayOptions", operator: "all of", value: ["a"] }],
      }),
    ])
      expect(await answerFromRollups(projectId, query, null)).toBeNull();
    expect(
      await answerFromRollups(projectId, q({ view: "observations", metrics: count, timeDimension: { granularity: "minute" } }), "minute"),
    ).toBeNull();
  });

  it("give the raw path's shape without groups on an empty range (one row of zeros and nulls)", async () => {
    const query = q({
      view: "observations",
      fromTimestamp: "2026-10-01T00:00:00Z",
      toTimestamp: "2026-10-02T00:00:00Z",
      metrics: [
        { measure: "count", aggregation: "count" },
        { measure: "totalCost", aggregation: "sum" },
        { measure: "latency", aggregation: "p95" },
      ],
    });
    expect(await runMetricsQuery(projectId, query, { version: 1 })).toEqual(
      await runMetricsQuery(projectId, query, { version: 1, rollups: false }),
    );
  });

  it("answer a metadata.<key> breakdown from the key's rollup once registered and built, exactly", async () => {
    const byKey = (key: string) =>
      q({
        view: "observations",
        dimensions: [{ field: `metadata.${key}` }, { field: "type" }],
        timeDimension: { granularity: "day" },
        metrics: [
          { measure: "count", aggregation: "count" },
          { measure: "totalCost", aggregation: "sum" },
          { measure: "error", aggregation: "avg" },
        ],
        filters: [{ column: "environment", type: "string", operator: "=", value: "prod" }],
      });
    const same = async (query: TMetricsQuery) => {
      const raw = await runMetricsQuery(projectId, query, { version: 1, rollups: false });
      expect(raw.length).toBeGreaterThan(2);
      expect(round(sorted(await runMetricsQuery(projectId, query, { version: 1 })))).toEqual(round(sorted(raw)));
    };
    expect(await answerFromRollups(projectId, byKey("tier"), "day")).toBeNull();
    await enableMetadataRollup(projectId, "tier");
    // Registered by a build that was interrupted (no readyAt): not used, and built by the next call.
    await prisma.$executeRaw`INSERT INTO "MetricRollupMetadataKey" ("projectId", "key") VALUES (${projectId}, 'attempt')`;
    expect(await answerFromRollups(projectId, byKey("attempt"), "day")).toBeNull();
    await enableMetadataRollup(projectId, "attempt");
    await enableMetadataRollup(projectId, "tier"); // again: nothing to do
    expect(await answerFromRollups(projectId, byKey("tier"), "day")).not.toBeNull();
    await same(byKey("tier"));
    await same(byKey("attempt"));
    // Writes after the build: values change, keys appear and vanish, rows go; pending, then folded.
    await prisma.observation.updateMany({ where: { projectId, type: "TOOL" }, data: { metadata: { tier: "platinum" } } });
    await prisma.observation.updateMany({ where: { projectId, type: "SPAN", level: "ERROR" }, data: { metadata: {} } });
    await prisma.observation.deleteMany({ where: { projectId, model: "gpt-4o-mini", type: "SPAN" } });
    await same(byKey("tier"));
    await compactMetricRollups(projectId);
    await same(byKey("tier"));
    await same(byKey("attempt"));
    // Not covered: percentiles, two keys, a filter on the key itself.
    for (const query of [
      q({ view: "observations", dimensions: [{ field: "metadata.tier" }], metrics: [{ measure: "latency", aggregation: "p50" }] }),
      q({
        view: "observations",
        dimensions: [{ field: "metadata.tier" }, { field: "metadata.attempt" }],
        metrics: [{ measure: "count", aggregation: "count" }],
      }),
      q({
        view: "observations",
        dimensions: [{ field: "metadata.tier" }],
        metrics: [{ measure: "count", aggregation: "count" }],
        filters: [{ column: "metadata.tier", type: "null", operator: "is not null" }],
      }),
    ])
      expect(await answerFromRollups(projectId, query, null)).toBeNull();
    await expect(enableMetadataRollup(projectId, "a\u0000b")).rejects.toThrow(/metadata key/);
  });
});

describe("trace group rollups (top users, sessions and tags)", () => {
  // Relative to now: hourly rows are read for the last 48 hours only and pruned after 72, so the
  // windows below mix daily rows, recent hourly rows and older partial days read from the traces.
  const HOUR = 3_600_000;
  const end = Math.ceil(Date.now() / HOUR) * HOUR;
  const WINDOWS = [
    [end - 24 * HOUR, end],
    [end - 7 * 24 * HOUR, end],
    [end - 30 * 24 * HOUR, end],
    [end - 30 * 24 * HOUR, end - 5 * 24 * HOUR - 7 * HOUR],
    [end - 3 * 24 * HOUR, end - 13 * HOUR],
  ] as const;
  const cost = { measure: "totalCost", aggregation: "sum" };
  const count = { measure: "count", aggregation: "count" };
  const queriesFor = ([from, to]: readonly [number, number]) =>
    [
      // The home panels: top 5 by cost, with and without the panel's "is not null" filter.
      {
        dimensions: [{ field: "userId" }],
        metrics: [cost],
        orderBy: [{ field: "sum_totalCost", direction: "desc" }],
        config: { row_limit: 5 },
      },
      {
        dimensions: [{ field: "sessionId" }],
        metrics: [cost],
        filters: [{ type: "null", column: "sessionId", operator: "is not null" }],
        orderBy: [{ field: "sum_totalCost", direction: "desc" }],
        config: { row_limit: 5 },
      },
      // The same with the dashboard's environment filter and every measure (read from the group totals).
      {
        dimensions: [{ field: "sessionId" }],
        metrics: [cost, count, { measure: "latency", aggregation: "avg" }, { measure: "totalTokens", aggregation: "sum" }],
        filters: [
          { type: "null", column: "sessionId", operator: "is not null" },
          { column: "environment", type: "stringOptions", operator: "any of", value: ["prod"] },
        ],
        orderBy: [{ field: "sum_totalCost", direction: "desc" }],
        config: { row_limit: 10 },
      },
      {
        dimensions: [{ field: "userId" }],
        metrics: [cost, { measure: "inputTokens", aggregation: "sum" }],
        filters: [{ column: "environment", type: "string", operator: "=", value: "dev" }],
        orderBy: [{ field: "sum_totalCost", direction: "desc" }],
        config: { row_limit: 3 },
      },
      { dimensions: [{ field: "tag" }], metrics: [cost, count], orderBy: [{ field: "sum_totalCost", direction: "desc" }] },
      // Every measure the rollup keeps, with the dashboard's filters it covers.
      {
        dimensions: [{ field: "userId" }, { field: "environment" }],
        metrics: [
          count,
          cost,
          { measure: "latency", aggregation: "avg" },
          { measure: "observationsCount", aggregation: "sum" },
          { measure: "inputTokens", aggregation: "sum" },
          { measure: "totalTokens", aggregation: "avg" },
        ],
        filters: [
          { column: "environment", type: "stringOptions", operator: "any of", value: ["prod"] },
          { column: "userId", type: "stringOptions", operator: "any of", value: ["u1", "u2", "u3"] },
        ],
        config: { row_limit: 1000 },
      },
      { dimensions: [{ field: "tag" }], metrics: [count], timeDimension: { granularity: "day" }, config: { row_limit: 1000 } },
      {
        dimensions: [{ field: "sessionId" }],
        metrics: [count],
        orderBy: [{ field: "count_count", direction: "asc" }],
        config: { row_limit: 1000 },
      },
    ].map((query) => q({ view: "traces", ...query, fromTimestamp: new Date(from).toISOString(), toTimestamp: new Date(to).toISOString() }));

  let pid = "";
  /** Every query both ways; returns how many the group totals answered. */
  const same = async () => {
    let fromTotals = 0;
    for (const window of WINDOWS)
      for (const query of queriesFor(window)) {
        const answer = await answerFromRollups(pid, query, query.timeDimension ? "day" : null);
        expect(answer).not.toBeNull();
        if (answer?.source === "group totals") fromTotals++;
        const raw = await runMetricsQuery(pid, query, { version: 1, rollups: false });
        expect(raw.length).toBeGreaterThan(0);
        // Ordered top-N answers in their order (ties aside, costs are distinct here); others as sets.
        const rolled = await runMetricsQuery(pid, query, { version: 1 });
        if (query.orderBy?.[0]?.field === "sum_totalCost") expect(round(rolled)).toEqual(round(raw));
        else expect(round(sorted(rolled))).toEqual(round(sorted(raw)));
      }
    return fromTotals;
  };
  // The top-N by cost over windows longer than 2 days (4 windows × 4 queries) come from the group totals.
  const TOTALS_ANSWERS = 16;

  beforeAll(async () => {
    pid = (await createTestProject({ hashedSecretKey: randomUUID() })).project.id;
    const rand = random(23);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)] as T;
    const trace = (i: number) => ({
      projectId: pid,
      id: `g${i}`,
      timestamp: new Date(end - Math.floor(rand() * 31 * 24 * HOUR)),
      userId: pick(["u1", "u2", "u3", "u4", "u5", "u6", null]),
      sessionId: pick([...Array.from({ length: 30 }, (_, k) => `s${k}`), null]),
      tags: pick([[], ["a"], ["a", "b"], ["b"], ["c", "a"]]),
      environment: pick(["prod", "prod", "dev"]),
      observationCount: Math.floor(rand() * 5),
      latencyMs: rand() < 0.9 ? rand() * 10_000 : null,
      totalCost: rand() < 0.95 ? Math.round(rand() * 1e6) / 1e9 : null,
      inputTokens: Math.floor(rand() * 1000),
      totalTokens: rand() < 0.8 ? Math.floor(rand() * 2000) : null,
    });
    // Long-lived users and sessions straddle every window; short sessions (three traces within the hour,
    // and costlier) lie inside most windows, so the top-N reads both kinds from the group totals.
    const short = Array.from({ length: 360 }, (_, i) => {
      const session = Math.floor(i / 3);
      const at = end - ((session * 7919) % (31 * 24)) * HOUR - HOUR;
      return { ...trace(1500 + i), sessionId: `short-${session}`, timestamp: new Date(at + (i % 3) * 60_000), totalCost: rand() / 1000 };
    });
    const rows = [...Array.from({ length: 1500 }, (_, i) => trace(i)), ...short];
    await prisma.trace.createMany({ data: rows });
    // SDK retries (no contribution change), then updates that move traces to another user, session,
    // tag set, hour or cost, then deletes.
    for (const row of rows.slice(0, 150))
      await prisma.trace.upsert({ where: { projectId_id: { projectId: pid, id: row.id } }, create: row, update: { output: "retried" } });
    for (const row of rows.slice(100, 400)) {
      const moved = trace(Number(row.id.slice(1)));
      await prisma.trace.update({
        where: { projectId_id: { projectId: pid, id: row.id } },
        data: {
          timestamp: moved.timestamp,
          userId: moved.userId,
          sessionId: moved.sessionId,
          tags: moved.tags,
          totalCost: moved.totalCost,
        },
      });
    }
    await prisma.trace.deleteMany({ where: { projectId: pid, id: { in: rows.slice(1350, 1500).map((r) => r.id) } } });
  });

  it("answer per user, session and tag from rollups exactly, pending deltas included", async () => {
    await same();
  });

  it("answer the top users and sessions by cost from the group totals, exactly, contained and straddling groups alike", async () => {
    await compactMetricRollups(pid);
    const [totals] = await prisma.$queryRaw<
      { rows: number }[]
    >`SELECT count(*)::int AS rows FROM "TraceGroupTotal" WHERE "projectId" = ${pid}`;
    expect(totals?.rows).toBeGreaterThan(0);
    expect(await same()).toBe(TOTALS_ANSWERS);
    // A pending change (not compacted yet) is summed exactly: the most expensive session of all, now.
    await prisma.trace.create({
      data: {
        projectId: pid,
        id: "late-big",
        timestamp: new Date(end - 2 * HOUR),
        sessionId: "short-1",
        userId: "u2",
        environment: "prod",
        totalCost: 5,
      },
    });
    expect(await same()).toBe(TOTALS_ANSWERS);
    const top = await runMetricsQuery(pid, queriesFor(WINDOWS[1])[1] as TMetricsQuery, { version: 1 });
    expect(top[0]).toMatchObject({ sessionId: "short-1" });
    await compactMetricRollups(pid);
    expect(await same()).toBe(TOTALS_ANSWERS);
  });

  it("keep hourly rows 3 days only, and answer the same after compactions, later changes and a backfill", async () => {
    await compactMetricRollups(pid);
    const [old] = await prisma.$queryRaw<{ hourly: number; daily: number }[]>`
      SELECT count(*) FILTER (WHERE "grain" = 'hour')::int AS hourly, count(*) FILTER (WHERE "grain" = 'day')::int AS daily
      FROM "TraceGroupRollup" WHERE "projectId" = ${pid} AND "bucket" < ${new Date(Date.now() - 72 * HOUR)}`;
    expect(old?.hourly).toBe(0);
    expect(old?.daily).toBeGreaterThan(0);
    await same();
    // A late change of an old trace re-creates an old hourly row on the next fold; it is pruned again.
    await prisma.trace.updateMany({ where: { projectId: pid, userId: "u1" }, data: { userId: "u7", tags: ["late"] } });
    await prisma.trace.deleteMany({ where: { projectId: pid, sessionId: "s3" } });
    await same();
    await compactMetricRollups(pid);
    await same();
    await backfillMetricRollups(pid);
    await same();
  });
});

import { randomUUID } from "node:crypto";
import { type TObservationListQuery, type TTraceListQuery, ZObservationListQuery, ZTraceListQuery } from "@loupe/contracts";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptIngestionBatch } from "../ingestion/accept-batch.ts";
import { processIngestionBatch } from "../ingestion/process-batch.ts";
import { createProjectWithKeys } from "../testing.ts";
import { listProjectObservations, listProjectTraces } from "./traces.ts";

afterAll(async () => {
  await closeQueues();
});

const now = Date.now();
const at = (msAgo: number) => new Date(now - msAgo).toISOString();
const ev = (type: string, body: Record<string, unknown>) => ({ id: randomUUID(), type, timestamp: at(0), body });
const HOUR = 3_600_000;

async function ingest(projectId: string, batch: unknown[]) {
  const result = await acceptIngestionBatch({ projectId, scope: "project" }, { batch });
  if (!result.ok || result.outcomes.some((o) => o.outcome !== "stored")) throw new Error(`ingestion failed: ${JSON.stringify(result)}`);
  const stored = await prisma.ingestionBatch.findMany({ where: { projectId, processedAt: null } });
  for (const b of stored) await processIngestionBatch(b.id);
}

type Spec = {
  id: string;
  name: string;
  agoMs: number;
  userId?: string;
  sessionId?: string;
  tags?: string[];
  environment?: string;
  release?: string;
  version?: string;
  input?: unknown;
  output?: unknown;
  /** One observation: a generation with model/cost/tokens, or a span. */
  obs: {
    type: "generation" | "span";
    model?: string;
    durationMs: number;
    ttftMs?: number;
    cost?: number;
    tokens?: [number, number];
    level?: string;
    prompt?: [string, number];
  };
};

function events(s: Spec) {
  const start = now - s.agoMs;
  const iso = (ms: number) => new Date(start + ms).toISOString();
  const o = s.obs;
  return [
    ev("trace-create", {
      id: s.id,
      name: s.name,
      timestamp: iso(0),
      userId: s.userId,
      sessionId: s.sessionId,
      tags: s.tags,
      environment: s.environment,
      release: s.release,
      version: s.version,
      input: s.input ?? { q: `question of ${s.id}` },
      output: s.output ?? { a: `answer of ${s.id}` },
    }),
    ev(`${o.type}-create`, {
      id: `${s.id}-obs`,
      traceId: s.id,
      name: `${s.name}-step`,
      environment: s.environment,
      version: s.version,
      startTime: iso(0),
      endTime: iso(o.durationMs),
      ...(o.ttftMs !== undefined ? { completionStartTime: iso(o.ttftMs) } : {}),
      ...(o.level ? { level: o.level } : {}),
      ...(o.model ? { model: o.model } : {}),
      ...(o.tokens ? { usageDetails: { input: o.tokens[0], output: o.tokens[1] } } : {}),
      ...(o.cost !== undefined ? { costDetails: { total: o.cost } } : {}),
      ...(o.prompt ? { promptName: o.prompt[0], promptVersion: o.prompt[1] } : {}),
    }),
  ];
}

const suffix = randomUUID().slice(0, 8);
const id = (name: string) => `${name}-${suffix}`;
const A = id("a");
const B = id("b");
const C = id("c");
const OLD = id("old");
const specs: Spec[] = [
  {
    id: A,
    name: "checkout",
    agoMs: 3 * HOUR,
    userId: "alice",
    sessionId: "s1",
    tags: ["prod", "vip"],
    environment: "production",
    release: "r1",
    version: "v1",
    input: { q: "Please refund my ORDER 1234" },
    obs: { type: "generation", model: "gpt-4o", durationMs: 1000, ttftMs: 200, cost: 0.5, tokens: [100, 20], prompt: ["support", 2] },
  },
  {
    id: B,
    name: "search",
    agoMs: 2 * HOUR,
    userId: "bob",
    sessionId: "s2",
    tags: ["prod"],
    environment: "staging",
    release: "r2",
    version: "v2",
    output: { a: "50%_off today" },
    obs: {
      type: "generation",
      model: "claude-sonnet-4",
      durationMs: 3000,
      ttftMs: 900,
      cost: 2,
      tokens: [300, 50],
      level: "ERROR",
      prompt: ["support", 3],
    },
  },
  {
    id: C,
    name: "checkout",
    agoMs: 1 * HOUR,
    userId: "alice",
    environment: "production",
    obs: { type: "span", durationMs: 500, level: "WARNING" },
  },
  {
    id: OLD,
    name: "nightly",
    agoMs: 72 * HOUR,
    userId: "carol",
    environment: "production",
    obs: { type: "generation", model: "gpt-4o", durationMs: 5000, cost: 0.01, tokens: [5, 5] },
  },
];

let projectId = "";
let otherProjectId = "";
beforeAll(async () => {
  projectId = (await createProjectWithKeys()).project.id;
  otherProjectId = (await createProjectWithKeys()).project.id;
  await ingest(projectId, specs.flatMap(events));
  // Same ids and names in another project: never visible from the first.
  await ingest(otherProjectId, events({ ...(specs[0] as Spec), id: A }));
  await ingest(projectId, [
    score(A, "quality", 0.9),
    score(A, "quality", 0.5, `${A}-obs`), // an observation's score counts for its trace
    score(A, "sentiment", "positive", null, "CATEGORICAL"),
    score(A, "sentiment", "positive", `${A}-obs`, "CATEGORICAL"),
    score(A, "sentiment", "negative", null, "CATEGORICAL"),
    score(A, "resolved", 1, null, "BOOLEAN"),
    score(B, "quality", 0.2),
    score(B, "resolved", 0, null, "BOOLEAN"),
  ]);
  // A high score on the same trace id in another project must not match in the first.
  await ingest(otherProjectId, [score(A, "quality", 0.99)]);
});

function score(traceId: string, name: string, value: number | string, observationId: string | null = null, dataType = "NUMERIC") {
  return ev("score-create", { id: randomUUID(), traceId, observationId, name, value, dataType });
}

/** The trace ids of the first page for a query string (parsed like the route parses it). */
async function traceIds(params: Record<string, string | string[]>) {
  const query: TTraceListQuery = ZTraceListQuery.parse(params);
  const res = await listProjectTraces(projectId, query);
  expect(res.meta.totalItems).toBe(res.data.length);
  return res.data.map((t) => t.id);
}
async function observationIds(params: Record<string, string>) {
  const query: TObservationListQuery = ZObservationListQuery.parse(params);
  const res = await listProjectObservations(projectId, query);
  expect(res.meta.totalItems).toBe(res.data.length);
  return res.data.map((o) => o.id);
}

describe("traces table query", () => {
  it("lists newest first with aggregates by default", async () => {
    expect(await traceIds({})).toEqual([C, B, A, OLD]);
    const res = await listProjectTraces(projectId, ZTraceListQuery.parse({}));
    expect(res.data.find((t) => t.id === B)).toMatchObject({
      latencyMs: 3000,
      totalCost: 2,
      inputTokens: 300,
      outputTokens: 50,
      level: "ERROR",
    });
  });

  it.each([
    [{ range: "24h" }, [C, B, A]],
    [{ range: "1h" }, []],
    [{ range: "30d" }, [C, B, A, OLD]],
    [{ from: at(2.5 * HOUR), to: at(1.5 * HOUR) }, [B]],
    [{ from: at(100 * HOUR) }, [C, B, A, OLD]],
    [{ name: "checkout" }, [C, A]],
    [{ userId: "alice" }, [C, A]],
    [{ sessionId: "s2" }, [B]],
    [{ tags: "prod" }, [B, A]],
    [{ tags: "prod,vip" }, [A]],
    [{ tags: ["vip", "prod"] }, [A]],
    [{ environment: "staging" }, [B]],
    [{ release: "r1" }, [A]],
    [{ version: "v2" }, [B]],
    [{ model: "gpt-4o" }, [A, OLD]],
    [{ minLevel: "ERROR" }, [B]],
    [{ minLevel: "WARNING" }, [C, B]],
    [{ minLevel: "DEBUG" }, [C, B, A, OLD]],
    [{ latencyMin: "900", latencyMax: "3000" }, [B, A]],
    [{ latencyMin: "4000" }, [OLD]],
    [{ costMin: "0.4" }, [B, A]],
    [{ costMax: "0.5" }, [A, OLD]],
    [{ name: "checkout", userId: "alice", range: "24h", minLevel: "WARNING" }, [C]],
  ] as [Record<string, string | string[]>, string[]][])("filters %j", async (params, expected) => {
    expect(await traceIds(params)).toEqual(expected);
  });

  it.each([
    ["refund my order", [A]], // input, case-insensitive
    ["50%_off", [B]], // output; % and _ match themselves
    ["50%", [B]],
    ["%", [B]], // a literal percent sign, not "anything"
    ["%x", []],
    [`b-${suffix}`, [B]], // id
    ["NIGHT", [OLD]], // name
    ["nothing matches this", []],
  ])("searches id, name, input and output for %j", async (search, expected) => {
    expect(await traceIds({ search })).toEqual(expected);
  });

  it.each([
    [{ sort: "timestamp", order: "asc" }, [OLD, A, B, C]],
    [{ sort: "name", order: "asc" }, [A, C, OLD, B]], // ties broken by id
    [{ sort: "latency", order: "desc" }, [OLD, B, A, C]],
    [{ sort: "latency", order: "asc" }, [C, A, B, OLD]],
    [{ sort: "cost", order: "desc" }, [B, A, OLD, C]], // no cost sorts last in both directions
    [{ sort: "cost", order: "asc" }, [OLD, A, B, C]],
    [{ sort: "tokens", order: "desc" }, [B, A, OLD, C]],
  ] as [Record<string, string>, string[]][])("sorts %j", async (params, expected) => {
    expect(await traceIds(params)).toEqual(expected);
  });

  it("pages with the total count of the filtered set", async () => {
    const res = await listProjectTraces(projectId, ZTraceListQuery.parse({ limit: "2", page: "2", sort: "timestamp" }));
    expect(res.data.map((t) => t.id)).toEqual([A, OLD]);
    expect(res.meta).toEqual({ page: 2, limit: 2, totalItems: 4, totalPages: 2, totalIsLowerBound: false });
  });

  it("never shows another project's traces", async () => {
    const other = await listProjectTraces(otherProjectId, ZTraceListQuery.parse({ name: "checkout" }));
    expect(other.data.map((t) => t.id)).toEqual([A]);
    expect(other.meta.totalItems).toBe(1);
    expect(await traceIds({ userId: "alice", search: "refund" })).toEqual([A]);
    const none = await listProjectTraces(randomUUID(), ZTraceListQuery.parse({}));
    expect(none.meta.totalItems).toBe(0);
  });

  it.each([
    [{ scoreName: "quality", scoreOperator: "gte", scoreValue: "0.8" }, [A]],
    [{ scoreName: "quality", scoreOperator: "gte", scoreValue: "0.95" }, []], // 0.99 is another project's
    [{ scoreName: "quality", scoreOperator: "lte", scoreValue: "0.3" }, [B]],
    [{ scoreName: "quality", scoreOperator: "lte", scoreValue: "0.5" }, [B, A]], // A's observation scored 0.5
    [{ scoreName: "quality", scoreOperator: "eq", scoreValue: "0.2" }, [B]],
    [{ scoreName: "sentiment", scoreOperator: "eq", scoreValue: "negative" }, [A]],
    [{ scoreName: "resolved", scoreOperator: "eq", scoreValue: "True" }, [A]],
    [{ scoreName: "resolved", scoreOperator: "eq", scoreValue: "0" }, [B]],
    [{ scoreName: "resolved", scoreOperator: "gte", scoreValue: "0" }, [B, A]],
    [{ scoreName: "no-such-score", scoreOperator: "gte", scoreValue: "0" }, []],
    [{ scoreName: "quality", scoreOperator: "gte", scoreValue: "0", userId: "bob" }, [B]],
  ] as [Record<string, string>, string[]][])("filters by score %j", async (params, expected) => {
    expect(await traceIds(params)).toEqual(expected);
  });

  it("shows each trace's scores by name: numeric averages, most common labels", async () => {
    const res = await listProjectTraces(projectId, ZTraceListQuery.parse({}));
    const scoresOf = (id: string) => res.data.find((t) => t.id === id)?.scores;
    expect(scoresOf(A)).toEqual([
      { name: "quality", dataType: "NUMERIC", count: 2, average: 0.7, mostCommon: null },
      { name: "resolved", dataType: "BOOLEAN", count: 1, average: 1, mostCommon: "True" },
      { name: "sentiment", dataType: "CATEGORICAL", count: 3, average: null, mostCommon: "positive" },
    ]);
    expect(scoresOf(B)?.map((s) => [s.name, s.mostCommon ?? s.average])).toEqual([
      ["quality", 0.2],
      ["resolved", "False"],
    ]);
    expect(scoresOf(C)).toEqual([]);
    const other = await listProjectTraces(otherProjectId, ZTraceListQuery.parse({}));
    expect(other.data[0]?.scores).toEqual([{ name: "quality", dataType: "NUMERIC", count: 1, average: 0.99, mostCommon: null }]);
  });

  it.each([
    [{ latencyMin: "fast" }, "latencyMin", "latencyMin must be a number"],
    [{ scoreName: "quality" }, "scoreValue", "scoreValue is required with a score filter (scoreName, scoreOperator, scoreValue)"],
    [{ scoreName: "quality", scoreValue: "1" }, "scoreOperator", undefined],
    [{ scoreName: "quality", scoreOperator: "gte", scoreValue: "high" }, "scoreValue", "scoreValue must be a number for >= and <="],
    [{ scoreName: "quality", scoreOperator: "gt", scoreValue: "1" }, "scoreOperator", undefined],
    [{ costMin: "-1" }, "costMin", "costMin cannot be negative"],
    [{ latencyMin: "10", latencyMax: "5" }, "latencyMax", "latencyMax must not be before latencyMin"],
    [{ from: "yesterday" }, "from", "must be an ISO 8601 date-time"],
    [{ from: at(0), to: at(HOUR) }, "to", "to must not be before from"],
    [{ sort: "input" }, "sort", undefined],
    [{ range: "2h" }, "range", undefined],
    [{ minLevel: "FATAL" }, "minLevel", undefined],
    [{ search: "x".repeat(201) }, "search", undefined],
  ] as [Record<string, string>, string, string | undefined][])("rejects bad filter input %j", (params, path, message) => {
    const parsed = ZTraceListQuery.safeParse(params);
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues.find((i) => i.path.join(".") === path);
    expect(issue).toBeDefined();
    if (message) expect(issue?.message).toBe(message);
  });
});

describe("observations table query", () => {
  it("lists generations by default, newest first, with latency and time to first token", async () => {
    expect(await observationIds({})).toEqual([`${B}-obs`, `${A}-obs`, `${OLD}-obs`]);
    expect(await observationIds({ type: "ALL" })).toEqual([`${C}-obs`, `${B}-obs`, `${A}-obs`, `${OLD}-obs`]);
    expect(await observationIds({ type: "SPAN" })).toEqual([`${C}-obs`]);
    const res = await listProjectObservations(projectId, ZObservationListQuery.parse({ traceId: A }));
    expect(res.data[0]).toMatchObject({
      traceId: A,
      model: "gpt-4o",
      latencyMs: 1000,
      timeToFirstTokenMs: 200,
      totalCost: 0.5,
      inputTokens: 100,
      outputTokens: 20,
      promptName: "support",
      promptVersion: 2,
    });
  });

  it.each([
    [{ model: "gpt-4o" }, [A, OLD]],
    [{ promptName: "support", promptVersion: "3" }, [B]],
    [{ range: "24h" }, [B, A]],
    [{ minLevel: "ERROR" }, [B]],
    [{ name: "checkout-step" }, [A]],
    [{ environment: "staging" }, [B]],
    [{ latencyMin: "2000" }, [B, OLD]],
    [{ costMin: "1" }, [B]],
    [{ search: "SEARCH-st" }, [B]],
    [{ sort: "ttft", order: "desc" }, [B, A, OLD]],
    [{ sort: "cost", order: "asc" }, [OLD, A, B]],
    [{ sort: "model", order: "asc" }, [B, A, OLD]],
    [{ sort: "tokens", order: "desc" }, [B, A, OLD]],
  ] as [Record<string, string>, string[]][])("filters and sorts %j", async (params, expected) => {
    expect(await observationIds(params)).toEqual(expected.map((t) => `${t}-obs`));
  });

  it("is scoped to the project and rejects bad input", async () => {
    const other = await listProjectObservations(otherProjectId, ZObservationListQuery.parse({}));
    expect(other.data.map((o) => o.id)).toEqual([`${A}-obs`]);
    expect(ZObservationListQuery.safeParse({ type: "BANANA" }).success).toBe(false);
    expect(ZObservationListQuery.safeParse({ promptVersion: "two" }).error?.issues[0]?.message).toBe("promptVersion must be a number");
  });
});

describe("counts of big lists", () => {
  it("stop at the cap and say so, while pages past the cap stay reachable", async () => {
    const { project } = await createProjectWithKeys();
    // LIST_COUNT_CAP + 5 traces, written directly: this is about counting, not ingestion.
    await prisma.$executeRaw`
      INSERT INTO "Trace" ("projectId", "id", "name", "timestamp", "environment", "updatedAt")
      SELECT ${project.id}, 'bulk-' || g, CASE WHEN g <= 3 THEN 'rare' ELSE 'bulk' END, now() - g * interval '1 second', 'default', now()
      FROM generate_series(1, 10005) AS g`;
    const first = await listProjectTraces(project.id, ZTraceListQuery.parse({}));
    expect(first.meta).toEqual({ page: 1, limit: 50, totalItems: 10_000, totalPages: 200, totalIsLowerBound: true });
    expect(first.data[0]?.id).toBe("bulk-1");
    // Deep pages count far enough to place themselves (the last rows exist past the cap).
    const deep = await listProjectTraces(project.id, ZTraceListQuery.parse({ page: "201", limit: "50" }));
    expect(deep.data.map((t) => t.id)).toEqual(["bulk-10001", "bulk-10002", "bulk-10003", "bulk-10004", "bulk-10005"]);
    expect(deep.meta).toMatchObject({ page: 201, totalItems: 10_005, totalIsLowerBound: false });
    // Small filtered sets are exact.
    const rare = await listProjectTraces(project.id, ZTraceListQuery.parse({ name: "rare" }));
    expect(rare.meta).toMatchObject({ totalItems: 3, totalIsLowerBound: false });
  });
});

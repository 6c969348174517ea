import { type ObservationSort, resolveTimeRange, type ScoreOperator, type TimeRange, type TraceSort } from "@loupe/contracts";
import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { anyOfIf, between, containsPattern, eqIf, levelsAtLeast, orderBy, timeRange, whereAll } from "./sql.ts";

// Read queries behind the trace list and trace page. List queries never select input/output.

export type TraceListRow = {
  id: string;
  name: string | null;
  timestamp: Date;
  userId: string | null;
  sessionId: string | null;
  tags: string[];
  environment: string;
  release: string | null;
  version: string | null;
  observationCount: number;
  latencyMs: number | null;
  totalCost: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  level: string;
};

/** Filters of the traces table (the fields of the contract's ZTraceListQuery, parsed). */
export type TraceListFilter = {
  projectId: string;
  limit: number;
  offset: number;
  range?: TimeRange;
  from?: string;
  to?: string;
  search?: string;
  name?: string;
  userId?: string;
  sessionId?: string;
  tags?: string[];
  environment?: string;
  release?: string;
  version?: string;
  /** Traces with at least one observation of this model. */
  model?: string;
  /** Traces with an observation at this level or above (ERROR = "has error"). */
  minLevel?: string;
  latencyMin?: number;
  latencyMax?: number;
  costMin?: number;
  costMax?: number;
  /** Traces with a score of this name comparing to scoreValue (all three or none; the contract checks). */
  scoreName?: string;
  scoreOperator?: ScoreOperator;
  scoreValue?: string;
  sort?: TraceSort;
  /** Newest first by default; a session replays oldest first. */
  order?: "asc" | "desc";
};

const TRACE_SORT_COLUMNS: Record<TraceSort, Prisma.Sql> = {
  timestamp: Prisma.sql`t."timestamp"`,
  name: Prisma.sql`t."name"`,
  latency: Prisma.sql`t."latencyMs"`,
  cost: Prisma.sql`t."totalCost"`,
  tokens: Prisma.sql`t."totalTokens"`,
};

/** An observation of the trace matches (EXISTS over the (projectId, traceId) index). */
const hasObservation = (condition: Prisma.Sql) =>
  Prisma.sql`EXISTS (SELECT 1 FROM "Observation" o WHERE o."projectId" = t."projectId" AND o."traceId" = t."id" AND ${condition})`;

/**
 * A score of the trace (its own or an observation's) with this name compares to the value. EXISTS
 * over the Score index (projectId, traceId, name): one index probe per candidate trace.
 */
function hasScore(name: string, operator: ScoreOperator, value: string): Prisma.Sql {
  const number = Number(value);
  const comparison =
    operator === "gte"
      ? Prisma.sql`s."value" >= ${number}`
      : operator === "lte"
        ? Prisma.sql`s."value" <= ${number}`
        : Number.isFinite(number)
          ? Prisma.sql`(s."value" = ${number} OR s."stringValue" = ${value})`
          : Prisma.sql`s."stringValue" = ${value}`;
  return Prisma.sql`EXISTS (SELECT 1 FROM "Score" s WHERE s."projectId" = t."projectId" AND s."traceId" = t."id" AND s."name" = ${name} AND ${comparison})`;
}

/** Matches counted beyond this are reported as "at least": counting a million index entries costs more than the page. */
export const LIST_COUNT_CAP = 10_000;

/** The cap for one request: never below the rows up to the requested page, so its pager stays right. */
const countCap = (input: { offset: number; limit: number }) => Math.max(LIST_COUNT_CAP, input.offset + input.limit);

/** `count(*)` of `from` stopped after `cap` + 1 rows: exact up to the cap, a lower bound past it. */
async function countUpTo(from: Prisma.Sql, cap: number): Promise<{ total: number; totalIsLowerBound: boolean }> {
  const [row] = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT 1 ${from} LIMIT ${cap + 1}) AS matches`;
  const n = row?.n ?? 0;
  return { total: Math.min(n, cap), totalIsLowerBound: n > cap };
}

/**
 * A page of a project's traces with their observation rollup (kept on the trace row by the worker),
 * filtered, searched and sorted. Every value is a bound parameter; sort columns come from a fixed map.
 */
export async function listTraces(input: TraceListFilter) {
  const { from, to } = resolveTimeRange({ range: input.range ?? "all", from: input.from, to: input.to });
  const levels = levelsAtLeast(input.minLevel);
  const pattern = input.search ? containsPattern(input.search) : undefined;
  const where = whereAll([
    Prisma.sql`t."projectId" = ${input.projectId}`,
    ...timeRange(Prisma.sql`t."timestamp"`, from?.toISOString(), to?.toISOString()),
    eqIf(Prisma.sql`t."name"`, input.name),
    eqIf(Prisma.sql`t."userId"`, input.userId),
    eqIf(Prisma.sql`t."sessionId"`, input.sessionId),
    eqIf(Prisma.sql`t."environment"`, input.environment),
    eqIf(Prisma.sql`t."release"`, input.release),
    eqIf(Prisma.sql`t."version"`, input.version),
    input.tags && input.tags.length > 0 && Prisma.sql`t."tags" @> ${input.tags}::text[]`,
    pattern !== undefined &&
      Prisma.sql`(t."id" ILIKE ${pattern} OR t."name" ILIKE ${pattern} OR t."input"::text ILIKE ${pattern} OR t."output"::text ILIKE ${pattern})`,
    input.model !== undefined && hasObservation(Prisma.sql`o."model" = ${input.model}`),
    levels && hasObservation(Prisma.sql`o."level" = ANY(${levels}::text[])`),
    input.scoreName !== undefined &&
      input.scoreOperator !== undefined &&
      input.scoreValue !== undefined &&
      hasScore(input.scoreName, input.scoreOperator, input.scoreValue),
    ...between(Prisma.sql`t."latencyMs"`, input.latencyMin, input.latencyMax),
    ...between(Prisma.sql`t."totalCost"`, input.costMin, input.costMax),
  ]);
  const [rows, totals] = await Promise.all([
    prisma.$queryRaw<TraceListRow[]>`
      SELECT t."id", t."name", t."timestamp", t."userId", t."sessionId", t."tags", t."environment", t."release",
        t."version", t."observationCount", t."latencyMs", t."totalCost"::float8 AS "totalCost", t."inputTokens",
        t."outputTokens", t."totalTokens", t."level"
      FROM "Trace" t
      WHERE ${where}
      ${orderBy(TRACE_SORT_COLUMNS, input.sort ?? "timestamp", input.order ?? "desc", Prisma.sql`t."id"`, ["timestamp"])}
      LIMIT ${input.limit} OFFSET ${input.offset}`,
    countUpTo(Prisma.sql`FROM "Trace" t WHERE ${where}`, countCap(input)),
  ]);
  return { rows, ...totals };
}

export type TraceScoreAggregateRow = {
  traceId: string;
  name: string;
  dataType: string;
  count: number;
  average: number | null;
  mostCommon: string | null;
};

/**
 * Scores of a page of traces, one row per trace, name and data type: the average value and the most
 * common label (categorical and boolean scores). Only for the ids of a page, never a whole list.
 */
export async function listTraceScoreAggregates(projectId: string, traceIds: string[]) {
  if (traceIds.length === 0) return [];
  return prisma.$queryRaw<TraceScoreAggregateRow[]>`
    SELECT s."traceId", s."name", s."dataType"::text AS "dataType", count(*)::int AS "count",
      avg(s."value")::float8 AS "average",
      mode() WITHIN GROUP (ORDER BY s."stringValue") AS "mostCommon"
    FROM "Score" s
    WHERE s."projectId" = ${projectId} AND s."traceId" = ANY(${traceIds}::text[])
    GROUP BY s."traceId", s."name", s."dataType"
    ORDER BY s."name", s."dataType"`;
}

export type ObservationListRow = {
  id: string;
  traceId: string;
  type: string;
  name: string | null;
  startTime: Date;
  level: string;
  environment: string;
  model: string | null;
  promptName: string | null;
  promptVersion: number | null;
  latencyMs: number | null;
  timeToFirstTokenMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  totalCost: number | null;
};

/** Filters of the observations table (the fields of the contract's ZObservationListQuery, parsed). */
export type ObservationListFilter = Omit<
  TraceListFilter,
  "userId" | "sessionId" | "tags" | "release" | "sort" | "scoreName" | "scoreOperator" | "scoreValue"
> & {
  /** One observation type; "ALL" or undefined for every type. */
  type?: string;
  promptName?: string;
  promptVersion?: number;
  traceId?: string;
  sort?: ObservationSort;
};

const LATENCY_MS = Prisma.sql`(EXTRACT(EPOCH FROM (o."endTime" - o."startTime")) * 1000)`;
const TTFT_MS = Prisma.sql`(EXTRACT(EPOCH FROM (o."completionStartTime" - o."startTime")) * 1000)`;
const OBSERVATION_SORT_COLUMNS: Record<ObservationSort, Prisma.Sql> = {
  timestamp: Prisma.sql`o."startTime"`,
  name: Prisma.sql`o."name"`,
  model: Prisma.sql`o."model"`,
  latency: LATENCY_MS,
  ttft: TTFT_MS,
  tokens: Prisma.sql`o."totalTokens"`,
  cost: Prisma.sql`o."totalCost"`,
};

/** A page of a project's observations (generations by default) without payloads, filtered and sorted. */
export async function listObservations(input: ObservationListFilter) {
  const { from, to } = resolveTimeRange({ range: input.range ?? "all", from: input.from, to: input.to });
  const pattern = input.search ? containsPattern(input.search) : undefined;
  const where = whereAll([
    Prisma.sql`o."projectId" = ${input.projectId}`,
    input.type && input.type !== "ALL" ? Prisma.sql`o."type" = ${input.type}` : undefined,
    ...timeRange(Prisma.sql`o."startTime"`, from?.toISOString(), to?.toISOString()),
    eqIf(Prisma.sql`o."traceId"`, input.traceId),
    eqIf(Prisma.sql`o."name"`, input.name),
    eqIf(Prisma.sql`o."environment"`, input.environment),
    eqIf(Prisma.sql`o."version"`, input.version),
    eqIf(Prisma.sql`o."model"`, input.model),
    eqIf(Prisma.sql`o."promptName"`, input.promptName),
    eqIf(Prisma.sql`o."promptVersion"`, input.promptVersion),
    anyOfIf(Prisma.sql`o."level"`, levelsAtLeast(input.minLevel)),
    pattern !== undefined && Prisma.sql`(o."id" ILIKE ${pattern} OR o."name" ILIKE ${pattern} OR o."traceId" ILIKE ${pattern})`,
    ...between(LATENCY_MS, input.latencyMin, input.latencyMax),
    ...between(Prisma.sql`o."totalCost"`, input.costMin, input.costMax),
  ]);
  const [rows, totals] = await Promise.all([
    prisma.$queryRaw<ObservationListRow[]>`
      SELECT o."id", o."traceId", o."type", o."name", o."startTime", o."level", o."environment", o."model",
        o."promptName", o."promptVersion", ${LATENCY_MS}::float8 AS "latencyMs", ${TTFT_MS}::float8 AS "timeToFirstTokenMs",
        o."inputTokens", o."outputTokens", o."totalTokens", o."totalCost"::float8 AS "totalCost"
      FROM "Observation" o
      WHERE ${where}
      ${orderBy(OBSERVATION_SORT_COLUMNS, input.sort ?? "timestamp", input.order ?? "desc", Prisma.sql`o."id"`, ["timestamp"])}
      LIMIT ${input.limit} OFFSET ${input.offset}`,
    countUpTo(Prisma.sql`FROM "Observation" o WHERE ${where}`, countCap(input)),
  ]);
  return { rows, ...totals };
}

/** Inputs and outputs of a few traces (the session replay), never for a whole list. */
export async function getTracePayloads(projectId: string, traceIds: string[]) {
  if (traceIds.length === 0) return [];
  return prisma.trace.findMany({ where: { projectId, id: { in: traceIds } }, select: { id: true, input: true, output: true } });
}

export async function getTrace(projectId: string, traceId: string) {
  return prisma.trace.findUnique({ where: { projectId_id: { projectId, id: traceId } } });
}

/** The trace's observations without their payloads (input/output/metadata load per node). */
export async function listTraceObservations(projectId: string, traceId: string) {
  return prisma.observation.findMany({
    where: { projectId, traceId },
    orderBy: { startTime: "asc" },
    select: {
      id: true,
      traceId: true,
      parentObservationId: true,
      type: true,
      name: true,
      startTime: true,
      endTime: true,
      completionStartTime: true,
      level: true,
      statusMessage: true,
      version: true,
      environment: true,
      model: true,
      modelParameters: true,
      promptName: true,
      promptVersion: true,
      usageDetails: true,
      costDetails: true,
      inputTokens: true,
      outputTokens: true,
      totalTokens: true,
      totalCost: true,
      matchedModelId: true,
      pricingTierName: true,
    },
  });
}

export async function getObservation(projectId: string, observationId: string) {
  return prisma.observation.findUnique({ where: { projectId_id: { projectId, id: observationId } } });
}

export async function listTraceScores(projectId: string, traceId: string) {
  return prisma.score.findMany({ where: { projectId, traceId }, orderBy: { timestamp: "asc" } });
}

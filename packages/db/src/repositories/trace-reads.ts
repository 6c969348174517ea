import {
  levelsAtLeast,
  type ObservationLevel,
  type ScoreOperator,
  type TFilterCondition,
  type TRACE_ORDER_FIELDS,
  type TraceSort,
  type TTraceListItem,
  type TTraceListQuery,
} from "@loupe/contracts";
import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { filterColumn, filterConditions } from "./filter-sql.ts";
import {
  equalTo,
  filterableColumns,
  type KeysetCursor,
  keysetPage,
  orderByColumn,
  type ReadColumns,
  type SortableColumn,
  listPage,
  listTimeBounds,
  selectColumns,
} from "./read-columns.ts";
import { anyOfIf, between, containsPattern, timeRange, whereAll } from "./sql.ts";

// Every read of traces: the traces table (and the sessions/users pages that reuse it), the trace page,
// the public API and the metrics view, over one column map. List queries never select input/output.

const sql = Prisma.sql;

/** A per-trace aggregate over its observations, as a correlated subquery (only evaluated when filtered on). */
const perTrace = (agg: Prisma.Sql) =>
  sql`(SELECT ${agg} FROM "Observation" o2 WHERE o2."projectId" = t."projectId" AND o2."traceId" = t."id")`;
const levelCount = (level: ObservationLevel) =>
  ({ kind: "number", sql: perTrace(sql`count(*) FILTER (WHERE o2."level" = ${level})`), filterable: true }) as const;
const traceScores = (kind: "scoreAverage" | "scoreCategory" | "scoreBoolean") =>
  ({ ...filterColumn.scores(kind, sql`t."id"`, sql`t."projectId"`), filterable: true }) as const;

/**
 * The columns of a trace read (`t` is the trace). `filterable` ones are the public `filter` parameter's
 * documented list; the rollup columns are kept on the row by the worker's merge (refreshTraceRollups).
 */
export const TRACE_COLUMNS = {
  id: { kind: "string", sql: sql`t."id"`, sortable: true, notNull: true, filterable: true },
  name: { kind: "string", sql: sql`t."name"`, sortable: true, filterable: true },
  timestamp: { kind: "datetime", sql: sql`t."timestamp"`, sortable: true, notNull: true, filterable: true },
  userId: { kind: "string", sql: sql`t."userId"`, sortable: true, filterable: true },
  sessionId: { kind: "string", sql: sql`t."sessionId"`, sortable: true, filterable: true },
  environment: { kind: "string", sql: sql`t."environment"`, notNull: true, filterable: true },
  version: { kind: "string", sql: sql`t."version"`, sortable: true, filterable: true },
  release: { kind: "string", sql: sql`t."release"`, sortable: true, filterable: true },
  tags: { kind: "array", sql: sql`t."tags"`, filterable: true },
  bookmarked: { kind: "boolean", sql: sql`t."bookmarked"`, sortable: true, notNull: true, filterable: true },
  public: { kind: "boolean", sql: sql`t."public"`, sortable: true, notNull: true, filterable: true },
  metadata: { kind: "json", sql: sql`t."metadata"`, notNull: true, filterable: true },
  /** Seconds, as Langfuse has it. */
  latency: { kind: "number", sql: sql`(t."latencyMs" / 1000.0)`, filterable: true },
  inputTokens: { kind: "number", sql: sql`t."inputTokens"`, filterable: true },
  outputTokens: { kind: "number", sql: sql`t."outputTokens"`, filterable: true },
  totalTokens: { kind: "number", sql: sql`t."totalTokens"`, sortable: true, filterable: true },
  tokens: { kind: "number", sql: sql`t."totalTokens"`, filterable: true },
  inputCost: { kind: "number", sql: perTrace(sql`sum((o2."costDetails"->>'input')::float8)`), filterable: true },
  outputCost: { kind: "number", sql: perTrace(sql`sum((o2."costDetails"->>'output')::float8)`), filterable: true },
  totalCost: { kind: "number", sql: sql`t."totalCost"`, sortable: true, filterable: true },
  /** A trace without observations has no level (the rollup's default would say DEFAULT). */
  level: { kind: "string", sql: sql`(CASE WHEN t."observationCount" > 0 THEN t."level" END)`, filterable: true },
  errorCount: levelCount("ERROR"),
  warningCount: levelCount("WARNING"),
  defaultCount: levelCount("DEFAULT"),
  debugCount: levelCount("DEBUG"),
  // The trace's scores of one name (the condition's key): Langfuse's score columns.
  scores_avg: traceScores("scoreAverage"),
  scores: traceScores("scoreAverage"),
  score_categories: traceScores("scoreCategory"),
  score_booleans: traceScores("scoreBoolean"),
  // Not in the public filter.
  latencyMs: { kind: "number", sql: sql`t."latencyMs"`, sortable: true },
  observationCount: { kind: "number", sql: sql`t."observationCount"`, notNull: true },
  /** The rollup's highest level (DEFAULT for a trace without observations). */
  highestLevel: { kind: "string", sql: sql`t."level"`, notNull: true },
  createdAt: { kind: "datetime", sql: sql`t."createdAt"`, notNull: true },
  updatedAt: { kind: "datetime", sql: sql`t."updatedAt"`, notNull: true },
} as const satisfies ReadColumns;
type SortableTraceColumn = SortableColumn<typeof TRACE_COLUMNS>;

/** Columns of the traces `filter` parameter. */
const TRACE_FILTER_COLUMNS = filterableColumns(TRACE_COLUMNS);

/** The traces table's sort keys → columns. */
const TRACE_LIST_SORTS: Record<TraceSort, SortableTraceColumn> = {
  timestamp: "timestamp",
  name: "name",
  latency: "latencyMs",
  cost: "totalCost",
  tokens: "totalTokens",
};

/**
 * Every way a trace read narrows its rows: the public API's parameters, the traces table's filters
 * (latency in ms), and the JSON `filter` parameter's conditions.
 */
export type TraceFilter = {
  ids?: string[];
  name?: string;
  userId?: string;
  sessionId?: string;
  version?: string;
  release?: string;
  environment?: string[];
  /** Traces carrying every one of these tags. */
  tags?: string[];
  fromTimestamp?: string;
  toTimestamp?: string;
  /** Substring of id, name, input or output. */
  search?: string;
  /** Traces with at least one observation of this model. */
  model?: string;
  /** Traces with an observation at this level or above (ERROR = "has error"). */
  minLevel?: ObservationLevel;
  latencyMin?: number;
  latencyMax?: number;
  costMin?: number;
  costMax?: number;
  /** Traces with a score of this name comparing to scoreValue (all three or none; the contract checks). */
  scoreName?: string;
  scoreOperator?: ScoreOperator;
  scoreValue?: string;
  conditions?: TFilterCondition[];
};

/** An observation of the trace matches (EXISTS over the (projectId, traceId) index). */
const hasObservation = (condition: Prisma.Sql) =>
  sql`EXISTS (SELECT 1 FROM "Observation" o WHERE o."projectId" = t."projectId" AND o."traceId" = t."id" AND ${condition})`;

/**
 * A score of the trace (its own or an observation's) with this name compares to the value. EXISTS
 * over the Score index (projectId, traceId, name): one index probe per candidate trace.
 */
function hasScore(name: string, operator: ScoreOperator, value: string): Prisma.Sql {
  return sql`EXISTS (SELECT 1 FROM "Score" s WHERE s."projectId" = t."projectId" AND s."traceId" = t."id" AND s."name" = ${name} AND ${scoreCompares(operator, value)})`;
}

/** Score `s` compares to the value: numbers with >=/<=, `eq` also matches a category or boolean label. */
export function scoreCompares(operator: ScoreOperator, value: string): Prisma.Sql {
  const number = Number(value);
  return operator === "gte"
    ? sql`s."value" >= ${number}`
    : operator === "lte"
      ? sql`s."value" <= ${number}`
      : Number.isFinite(number)
        ? sql`(s."value" = ${number} OR s."stringValue" = ${value})`
        : sql`s."stringValue" = ${value}`;
}

/** The one WHERE of every trace read: the project first, then each given filter. Parameters only. */
export function whereTraces(projectId: string, f: TraceFilter): Prisma.Sql {
  const c = TRACE_COLUMNS;
  const pattern = f.search ? containsPattern(f.search) : undefined;
  const levels = levelsAtLeast(f.minLevel);
  return whereAll([
    sql`t."projectId" = ${projectId}`,
    // Traces a bulk delete marked are gone for every read at once; the worker removes the rows.
    sql`t."deletionRequestedAt" IS NULL`,
    anyOfIf(c.id.sql, f.ids),
    ...equalTo(c, f, ["name", "userId", "sessionId", "version", "release"]),
    anyOfIf(c.environment.sql, f.environment),
    f.tags && f.tags.length > 0 && sql`${c.tags.sql} @> ${f.tags}::text[]`,
    ...timeRange(c.timestamp.sql, f.fromTimestamp, f.toTimestamp),
    pattern !== undefined &&
      sql`(t."id" ILIKE ${pattern} OR t."name" ILIKE ${pattern} OR t."input"::text ILIKE ${pattern} OR t."output"::text ILIKE ${pattern})`,
    f.model !== undefined && hasObservation(sql`o."model" = ${f.model}`),
    levels && hasObservation(sql`o."level" = ANY(${levels}::text[])`),
    f.scoreName !== undefined &&
      f.scoreOperator !== undefined &&
      f.scoreValue !== undefined &&
      hasScore(f.scoreName, f.scoreOperator, f.scoreValue),
    ...between(c.latencyMs.sql, f.latencyMin, f.latencyMax),
    ...between(c.totalCost.sql, f.costMin, f.costMax),
    ...filterConditions(f.conditions, TRACE_FILTER_COLUMNS),
  ]);
}

/** A row of the traces table before the server adds its scores. */
export type TraceListRow = Omit<TTraceListItem, "timestamp" | "level" | "scores"> & { timestamp: Date; highestLevel: string };
/** What every list of traces shows of a trace (the UI table and the public API). */
const TRACE_CORE_FIELDS = ["id", "name", "timestamp", "userId", "sessionId", "tags", "environment", "release", "version"] as const;
const TRACE_LIST_FIELDS = [
  ...TRACE_CORE_FIELDS,
  "observationCount",
  "latencyMs",
  "totalCost",
  "inputTokens",
  "outputTokens",
  "totalTokens",
  "highestLevel",
] as const satisfies readonly (keyof TraceListRow)[];

/** The traces table's query: the contract's filters (parsed), a page, and the scope of the page that shows it. */
export type TraceListFilter = Partial<Omit<TTraceListQuery, "page" | "limit">> & { projectId: string; limit: number; offset: number };

/**
 * A page of a project's traces with their observation rollup, filtered, searched and sorted, and a
 * total counted up to LIST_COUNT_CAP.
 */
export async function listTraces(input: TraceListFilter) {
  const orderBy = traceListOrder(input);
  return listPage<TraceListRow>({ ...traceListQuery(input), orderBy }, input);
}

const traceListOrder = (input: Omit<TraceListFilter, "limit" | "offset">) =>
  orderByColumn(TRACE_COLUMNS, TRACE_LIST_SORTS[input.sort ?? "timestamp"], input.order ?? "desc", "id");

/** The traces table's SELECT, FROM and WHERE for a parsed query (the list, the export and bulk selections share it). */
function traceListQuery(input: Omit<TraceListFilter, "limit" | "offset">) {
  const time = listTimeBounds(input);
  const where = whereTraces(input.projectId, {
    ...input,
    environment: input.environment ? [input.environment] : undefined,
    fromTimestamp: time.from,
    toTimestamp: time.to,
  });
  return { select: selectColumns(TRACE_COLUMNS, TRACE_LIST_FIELDS), from: sql`FROM "Trace" t`, where };
}

/** The next page of an export of the traces table's filtered rows, newest first (the table's sort does not apply). */
export function exportTracePage(input: Omit<TraceListFilter, "limit" | "offset">, after: KeysetCursor | null, limit: number) {
  return keysetPage<TraceListRow>(traceListQuery(input), { time: TRACE_COLUMNS.timestamp.sql, id: TRACE_COLUMNS.id.sql }, after, limit);
}

/** The ids of the first `limit` traces the table's filter shows, in its order: what "select all matching" acts on. */
export async function traceIdsMatching(input: Omit<TraceListFilter, "limit" | "offset">, limit: number): Promise<string[]> {
  const { where } = traceListQuery(input);
  const rows = await prisma.$queryRaw<
    { id: string }[]
  >`SELECT t."id" FROM "Trace" t WHERE ${where} ${traceListOrder(input)} LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

/** Which of these ids are traces of the project (not already being deleted). */
export async function existingTraceIds(projectId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await prisma.$queryRaw<{ id: string }[]>`SELECT t."id" FROM "Trace" t WHERE ${whereTraces(projectId, { ids })}`;
  return rows.map((r) => r.id);
}

export type PublicTraceRow = {
  id: string;
  name: string | null;
  timestamp: Date;
  userId: string | null;
  sessionId: string | null;
  input?: unknown;
  output?: unknown;
  metadata?: unknown;
  tags: string[];
  release: string | null;
  version: string | null;
  environment: string;
  public: boolean;
  bookmarked: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** Seconds from the first observation start to the last observation end (null: no observations). */
  latency?: number | null;
  totalCost?: number | null;
  observationIds?: string[] | null;
  scoreIds?: string[] | null;
};
const PUBLIC_TRACE_FIELDS = [
  ...TRACE_CORE_FIELDS,
  "public",
  "bookmarked",
  "createdAt",
  "updatedAt",
] as const satisfies readonly (keyof PublicTraceRow)[];

/** Traces matching `filter` (the public API); the optional parts (payload, metrics, child ids) are only computed when asked for. */
export async function findTraces(input: {
  projectId: string;
  filter: TraceFilter;
  limit: number;
  offset: number;
  /** The contract's order fields; orderByColumn only compiles while every one is a sortable column. */
  orderBy?: { field: (typeof TRACE_ORDER_FIELDS)[number]; direction: "asc" | "desc" };
  include: { io: boolean; metrics: boolean; observations: boolean; scores: boolean };
}): Promise<PublicTraceRow[]> {
  const { include } = input;
  return prisma.$queryRaw<PublicTraceRow[]>`
    SELECT ${selectColumns(TRACE_COLUMNS, PUBLIC_TRACE_FIELDS)}
      ${include.io ? sql`, t."input", t."output", t."metadata"` : Prisma.empty}
      ${include.metrics ? sql`, ${selectColumns(TRACE_COLUMNS, ["latency", "totalCost"])}` : Prisma.empty}
      ${include.observations ? sql`, obs.ids AS "observationIds"` : Prisma.empty}
      ${include.scores ? sql`, sc.ids AS "scoreIds"` : Prisma.empty}
    FROM "Trace" t
    ${
      include.observations
        ? sql`LEFT JOIN LATERAL (
        SELECT array_agg(o."id" ORDER BY o."startTime", o."id") AS ids
        FROM "Observation" o WHERE o."projectId" = t."projectId" AND o."traceId" = t."id") obs ON true`
        : Prisma.empty
    }
    ${
      include.scores
        ? sql`LEFT JOIN LATERAL (
        SELECT array_agg(s."id" ORDER BY s."timestamp", s."id") AS ids
        FROM "Score" s WHERE s."projectId" = t."projectId" AND s."traceId" = t."id") sc ON true`
        : Prisma.empty
    }
    WHERE ${whereTraces(input.projectId, input.filter)}
    ${orderByColumn(TRACE_COLUMNS, input.orderBy?.field ?? "timestamp", input.orderBy?.direction ?? "desc", "id")}
    LIMIT ${input.limit} OFFSET ${input.offset}`;
}

/** The exact count the public API reports. */
export async function countTraces(projectId: string, filter: TraceFilter): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM "Trace" t WHERE ${whereTraces(projectId, filter)}`;
  return row?.count ?? 0;
}

/** The stored trace with its rollup (the trace page). */
export async function getTrace(projectId: string, traceId: string) {
  return prisma.trace.findUnique({ where: { projectId_id: { projectId, id: traceId } } });
}

/**
 * The trace-view search over payloads: whether the trace's own input/output contains `term`, and the
 * observations of that trace whose input or output does (case-insensitive), in start order, at most
 * `limit` (+1 read to tell the caller more exist). One trace's rows, on the (projectId, traceId) index.
 */
export async function searchTracePayloads(projectId: string, traceId: string, term: string, limit: number) {
  const pattern = containsPattern(term);
  const [trace, observations] = await Promise.all([
    prisma.$queryRaw<{ hit: boolean }[]>`
      SELECT (t."input"::text ILIKE ${pattern} OR t."output"::text ILIKE ${pattern}) AS hit
      FROM "Trace" t WHERE t."projectId" = ${projectId} AND t."id" = ${traceId}`,
    prisma.$queryRaw<{ id: string }[]>`
      SELECT o."id" FROM "Observation" o
      WHERE o."projectId" = ${projectId} AND o."traceId" = ${traceId}
        AND (o."input"::text ILIKE ${pattern} OR o."output"::text ILIKE ${pattern})
      ORDER BY o."startTime", o."id" LIMIT ${limit + 1}`,
  ]);
  return {
    trace: trace[0]?.hit === true,
    observationIds: observations.slice(0, limit).map((r) => r.id),
    truncated: observations.length > limit,
  };
}

/** Inputs and outputs of a few traces (the session replay), never for a whole list. */
export async function getTracePayloads(projectId: string, traceIds: string[]) {
  if (traceIds.length === 0) return [];
  return prisma.trace.findMany({ where: { projectId, id: { in: traceIds } }, select: { id: true, input: true, output: true } });
}

import {
  levelsAtLeast,
  OBSERVATION_EXPORT_COLUMNS,
  type ObservationLevel,
  type ObservationSort,
  type TFilterCondition,
  type TObservationListItem,
  type TObservationListQuery,
} from "@loupe/contracts";
import type { ObservationRecord } from "@loupe/domain";
import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { filterConditions } from "./filter-sql.ts";
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
import { anyOfIf, between, containsPattern, eqIf, timeRange, whereAll } from "./sql.ts";
import { TRACE_COLUMNS } from "./trace-reads.ts";

// Every read of observations: the observations table, the trace page's tree, the public API (v1 pages,
// v2 cursor pages, trace detail) and the metrics view, over one column map. Rows are joined with their
// trace for the user/session filters and the trace context fields; Postgres drops the join (it is on
// the trace's primary key) from queries that use no trace column.

const sql = Prisma.sql;
const seconds = (from: Prisma.Sql, to: Prisma.Sql) => sql`EXTRACT(EPOCH FROM (${to} - ${from}))::float8`;
const ms = (from: Prisma.Sql, to: Prisma.Sql) => sql`(EXTRACT(EPOCH FROM (${to} - ${from})) * 1000)`;
const [start, end, firstToken] = [sql`o."startTime"`, sql`o."endTime"`, sql`o."completionStartTime"`];
/** The trace's own column, seen from an observation (filterable, never sortable here). */
const ofTrace = (column: keyof typeof TRACE_COLUMNS, kind: "string" | "array" = "string") =>
  ({ kind, sql: TRACE_COLUMNS[column].sql, filterable: true }) as const;

/** The columns of an observation read (`o` is the observation, `t` its trace). `filterable` ones are the public `filter` parameter's list. */
export const OBSERVATION_COLUMNS = {
  id: { kind: "string", sql: sql`o."id"`, sortable: true, notNull: true, filterable: true },
  type: { kind: "string", sql: sql`o."type"`, notNull: true, filterable: true },
  name: { kind: "string", sql: sql`o."name"`, sortable: true, filterable: true },
  traceId: { kind: "string", sql: sql`o."traceId"`, notNull: true, filterable: true },
  parentObservationId: { kind: "string", sql: sql`o."parentObservationId"`, filterable: true },
  startTime: { kind: "datetime", sql: start, sortable: true, notNull: true, filterable: true },
  endTime: { kind: "datetime", sql: end, filterable: true },
  environment: { kind: "string", sql: sql`o."environment"`, notNull: true, filterable: true },
  level: { kind: "string", sql: sql`o."level"`, notNull: true, filterable: true },
  statusMessage: { kind: "string", sql: sql`o."statusMessage"`, filterable: true },
  version: { kind: "string", sql: sql`o."version"`, filterable: true },
  isRootObservation: { kind: "boolean", sql: sql`(o."parentObservationId" IS NULL)`, notNull: true, filterable: true },
  /** Seconds, as Langfuse's filter has it (the metrics view and the table use the ms columns below). */
  latency: { kind: "number", sql: seconds(start, end), filterable: true },
  timeToFirstToken: { kind: "number", sql: seconds(start, firstToken), filterable: true },
  tokensPerSecond: { kind: "number", sql: sql`(o."outputTokens" / NULLIF(EXTRACT(EPOCH FROM (${end} - ${start})), 0))`, filterable: true },
  inputTokens: { kind: "number", sql: sql`o."inputTokens"`, filterable: true },
  outputTokens: { kind: "number", sql: sql`o."outputTokens"`, filterable: true },
  totalTokens: { kind: "number", sql: sql`o."totalTokens"`, sortable: true, filterable: true },
  tokens: { kind: "number", sql: sql`o."totalTokens"`, filterable: true },
  inputCost: { kind: "number", sql: sql`(o."costDetails"->>'input')::numeric`, filterable: true },
  outputCost: { kind: "number", sql: sql`(o."costDetails"->>'output')::numeric`, filterable: true },
  totalCost: { kind: "number", sql: sql`o."totalCost"`, sortable: true, filterable: true },
  model: { kind: "string", sql: sql`o."model"`, sortable: true, filterable: true },
  providedModelName: { kind: "string", sql: sql`o."model"`, filterable: true },
  promptName: { kind: "string", sql: sql`o."promptName"`, filterable: true },
  promptVersion: { kind: "number", sql: sql`o."promptVersion"`, filterable: true },
  /**
   * The prompt version a generation used, joined when read rather than stored by the merge: a prompt
   * created (or deleted and re-created) after its generations arrived still links. One unique-index
   * probe per returned row, none for counts.
   */
  promptId: {
    kind: "string",
    sql: sql`(SELECT pr."id" FROM "Prompt" pr WHERE pr."projectId" = o."projectId" AND pr."name" = o."promptName" AND pr."version" = o."promptVersion")`,
  },
  /** Payloads as text, for `contains` conditions; reads select the JSON itself. */
  input: { kind: "string", sql: sql`(o."input" #>> '{}')`, filterable: true },
  output: { kind: "string", sql: sql`(o."output" #>> '{}')`, filterable: true },
  metadata: { kind: "json", sql: sql`o."metadata"`, notNull: true, filterable: true },
  userId: ofTrace("userId"),
  sessionId: ofTrace("sessionId"),
  traceName: ofTrace("name"),
  traceEnvironment: ofTrace("environment"),
  traceTags: ofTrace("tags", "array"),
  tags: ofTrace("tags", "array"),
  // Not in the public filter.
  latencyMs: { kind: "number", sql: ms(start, end), sortable: true },
  timeToFirstTokenMs: { kind: "number", sql: ms(start, firstToken), sortable: true },
  streamingLatencyMs: { kind: "number", sql: ms(firstToken, end) },
  completionStartTime: { kind: "datetime", sql: firstToken },
  modelParameters: { kind: "json", sql: sql`o."modelParameters"` },
  usageDetails: { kind: "json", sql: sql`o."usageDetails"`, notNull: true },
  costDetails: { kind: "json", sql: sql`o."costDetails"`, notNull: true },
  matchedModelId: { kind: "string", sql: sql`o."matchedModelId"` },
  pricingTierName: { kind: "string", sql: sql`o."pricingTierName"` },
  createdAt: { kind: "datetime", sql: sql`o."createdAt"`, notNull: true },
  updatedAt: { kind: "datetime", sql: sql`o."updatedAt"`, notNull: true },
  traceRelease: { kind: "string", sql: TRACE_COLUMNS.release.sql },
  traceVersion: { kind: "string", sql: TRACE_COLUMNS.version.sql },
} as const satisfies ReadColumns;

/** Columns of the observations `filter` parameter (v1 and v2 lists). */
const OBSERVATION_FILTER_COLUMNS = filterableColumns(OBSERVATION_COLUMNS);

/** The observations table's sort keys → columns. */
const OBSERVATION_LIST_SORTS: Record<ObservationSort, SortableColumn<typeof OBSERVATION_COLUMNS>> = {
  timestamp: "startTime",
  name: "name",
  model: "model",
  latency: "latencyMs",
  ttft: "timeToFirstTokenMs",
  tokens: "totalTokens",
  cost: "totalCost",
};

/**
 * Every way an observation read narrows its rows: the public API's parameters, the observations
 * table's filters (latency in ms), and the JSON `filter` parameter's conditions.
 */
export type ObservationFilter = {
  ids?: string[];
  name?: string;
  userId?: string;
  sessionId?: string;
  type?: string;
  traceId?: string;
  traceIds?: string[];
  level?: string;
  /** null: only observations without a parent. */
  parentObservationId?: string | null;
  isRootObservation?: boolean;
  environment?: string[];
  fromStartTime?: string;
  toStartTime?: string;
  version?: string;
  model?: string;
  promptName?: string;
  promptVersion?: number;
  /** Substring of id, name or trace id. */
  search?: string;
  minLevel?: ObservationLevel;
  latencyMin?: number;
  latencyMax?: number;
  costMin?: number;
  costMax?: number;
  conditions?: TFilterCondition[];
};

/** The one WHERE of every observation read: the project first, then each given filter. Parameters only. */
export function whereObservations(projectId: string, f: ObservationFilter): Prisma.Sql {
  const c = OBSERVATION_COLUMNS;
  const pattern = f.search ? containsPattern(f.search) : undefined;
  return whereAll([
    sql`o."projectId" = ${projectId}`,
    anyOfIf(c.id.sql, f.ids),
    anyOfIf(c.traceId.sql, f.traceIds),
    anyOfIf(c.environment.sql, f.environment),
    anyOfIf(c.level.sql, levelsAtLeast(f.minLevel)),
    ...equalTo(c, f, ["name", "userId", "sessionId", "type", "traceId", "level", "version", "model", "promptName", "promptVersion"]),
    f.parentObservationId === null ? sql`o."parentObservationId" IS NULL` : eqIf(c.parentObservationId.sql, f.parentObservationId),
    f.isRootObservation === undefined
      ? undefined
      : f.isRootObservation
        ? sql`o."parentObservationId" IS NULL`
        : sql`o."parentObservationId" IS NOT NULL`,
    ...timeRange(c.startTime.sql, f.fromStartTime, f.toStartTime),
    pattern !== undefined && sql`(o."id" ILIKE ${pattern} OR o."name" ILIKE ${pattern} OR o."traceId" ILIKE ${pattern})`,
    ...between(c.latencyMs.sql, f.latencyMin, f.latencyMax),
    ...between(c.totalCost.sql, f.costMin, f.costMax),
    ...filterConditions(f.conditions, OBSERVATION_FILTER_COLUMNS),
  ]);
}

const FROM = sql`FROM "Observation" o LEFT JOIN "Trace" t ON t."projectId" = o."projectId" AND t."id" = o."traceId"`;

/** A row of the observations table. */
export type ObservationListRow = Omit<TObservationListItem, "type" | "level" | "startTime"> & {
  type: string;
  level: string;
  startTime: Date;
};
// The table's columns are what an export carries, so one list (contracts) names both.
const OBSERVATION_LIST_FIELDS = OBSERVATION_EXPORT_COLUMNS satisfies readonly (keyof ObservationListRow)[];

/** The observations table's query: the contract's filters (parsed) and a page. */
export type ObservationListFilter = Partial<Omit<TObservationListQuery, "page" | "limit">> & {
  projectId: string;
  limit: number;
  offset: number;
};

/** A page of a project's observations without payloads, filtered and sorted, and a total counted up to LIST_COUNT_CAP. */
export async function listObservations(input: ObservationListFilter) {
  const orderBy = orderByColumn(OBSERVATION_COLUMNS, OBSERVATION_LIST_SORTS[input.sort ?? "timestamp"], input.order ?? "desc", "id");
  return listPage<ObservationListRow>({ ...observationListQuery(input), orderBy }, input);
}

/** The observations table's SELECT, FROM and WHERE for a parsed query (the list and the export share it). */
function observationListQuery(input: Omit<ObservationListFilter, "limit" | "offset">) {
  const time = listTimeBounds(input);
  const where = whereObservations(input.projectId, {
    ...input,
    type: input.type === "ALL" ? undefined : input.type,
    environment: input.environment ? [input.environment] : undefined,
    fromStartTime: time.from,
    toStartTime: time.to,
  });
  return { select: selectColumns(OBSERVATION_COLUMNS, OBSERVATION_LIST_FIELDS), from: FROM, where };
}

/** The next page of an export of the observations table's filtered rows, newest first. */
export function exportObservationPage(input: Omit<ObservationListFilter, "limit" | "offset">, after: KeysetCursor | null, limit: number) {
  return keysetPage<ObservationListRow>(
    observationListQuery(input),
    { time: OBSERVATION_COLUMNS.startTime.sql, id: OBSERVATION_COLUMNS.id.sql },
    after,
    limit,
  );
}

/** The stored record's fields plus the computed usage/cost columns and the trace context. */
export type PublicObservationRow = Pick<
  ObservationRecord,
  | "id"
  | "parentObservationId"
  | "name"
  | "startTime"
  | "endTime"
  | "completionStartTime"
  | "level"
  | "statusMessage"
  | "version"
  | "environment"
  | "model"
  | "promptName"
  | "promptVersion"
> & {
  traceId: string;
  type: string;
  promptId: string | null;
  modelParameters: unknown;
  input?: unknown;
  output?: unknown;
  metadata?: unknown;
  usageDetails: Record<string, number>;
  costDetails: Record<string, number>;
  totalCost: number | null;
  matchedModelId: string | null;
  pricingTierName: string | null;
  createdAt: Date;
  updatedAt: Date;
  userId: string | null;
  sessionId: string | null;
  traceName: string | null;
  traceTags: string[] | null;
  traceRelease: string | null;
};
const PUBLIC_OBSERVATION_FIELDS = [
  "id",
  "traceId",
  "parentObservationId",
  "type",
  "name",
  "startTime",
  "endTime",
  "completionStartTime",
  "level",
  "statusMessage",
  "version",
  "environment",
  "model",
  "modelParameters",
  "promptName",
  "promptVersion",
  "promptId",
  "usageDetails",
  "costDetails",
  "totalCost",
  "matchedModelId",
  "pricingTierName",
  "createdAt",
  "updatedAt",
  "userId",
  "sessionId",
  "traceName",
  "traceTags",
  "traceRelease",
] as const satisfies readonly (keyof PublicObservationRow)[];

/**
 * Observations matching `filter` (the public API), newest first (ties by id). `after` continues a
 * cursor page: rows strictly after the (startTime, id) of the last row returned before.
 */
export async function findObservations(input: {
  projectId: string;
  filter: ObservationFilter;
  limit: number;
  offset?: number;
  after?: { startTime: Date; id: string };
  order?: "asc" | "desc";
  withPayload?: boolean;
}): Promise<PublicObservationRow[]> {
  const direction = input.order ?? "desc";
  const after = input.after
    ? direction === "desc"
      ? sql`(o."startTime", o."id") < (${input.after.startTime}, ${input.after.id})`
      : sql`(o."startTime", o."id") > (${input.after.startTime}, ${input.after.id})`
    : undefined;
  return prisma.$queryRaw<PublicObservationRow[]>`
    SELECT ${selectColumns(OBSERVATION_COLUMNS, PUBLIC_OBSERVATION_FIELDS)}
      ${input.withPayload === false ? Prisma.empty : sql`, o."input", o."output", o."metadata"`}
    ${FROM}
    WHERE ${whereAll([whereObservations(input.projectId, input.filter), after])}
    ${orderByColumn(OBSERVATION_COLUMNS, "startTime", direction, "id")}
    LIMIT ${input.limit} OFFSET ${input.offset ?? 0}`;
}

/** The exact count the public API reports. */
export async function countObservations(projectId: string, filter: ObservationFilter): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count ${FROM} WHERE ${whereObservations(projectId, filter)}`;
  return row?.count ?? 0;
}

export async function findObservationById(projectId: string, id: string): Promise<PublicObservationRow | null> {
  const [row] = await findObservations({ projectId, filter: { ids: [id] }, limit: 1 });
  return row ?? null;
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

/** Which trace an observation of this project belongs to (null when it is not in the project). */
export async function findObservationTraceId(projectId: string, observationId: string): Promise<string | null> {
  const o = await prisma.observation.findUnique({
    where: { projectId_id: { projectId, id: observationId } },
    select: { traceId: true },
  });
  return o?.traceId ?? null;
}

import { METRIC_CATALOG, type MetricDimension, type MetricMeasure, type MetricView } from "@loupe/contracts";
import { Prisma } from "../generated/prisma/client.ts";
import { type FilterColumn, filterColumn } from "../repositories/filter-sql.ts";
import { OBSERVATION_COLUMNS } from "../repositories/observation-reads.ts";
import { pickColumns } from "../repositories/read-columns.ts";
import { TRACE_COLUMNS } from "../repositories/trace-reads.ts";

// The semantic layer's SQL: for each view of METRIC_CATALOG (contracts), its rows, its dimensions
// (groupable and filterable expressions) and its measures (per-row numbers to aggregate). A query can
// only pick names from these maps (plus `metadata.<key>`, whose key is a bound parameter), so user input
// reaches SQL as bound parameters only. Columns come from the trace and observation column maps (the
// same SQL as the lists and the public filter), under the metrics API's names: `latency` is in ms here,
// in seconds in a list filter.

/** A dimension; `join` is added to the view's FROM when the query groups by it (one row per tag, say). */
export type Dimension = FilterColumn & { join?: Prisma.Sql };
/** A measure; `distinct` ones are values whose distinct count is the measure (uniqueUserIds). */
export type Measure = { sql: Prisma.Sql; distinct?: true };

export type View<V extends MetricView = MetricView> = {
  from: Prisma.Sql;
  project: Prisma.Sql;
  time: Prisma.Sql;
  where?: Prisma.Sql;
  /** The JSON column `metadata.<key>` dimensions and filters read. */
  metadata: Prisma.Sql;
  dimensions: Record<MetricDimension<V>, Dimension>;
  measures: Record<MetricMeasure<V>, Measure>;
  /** Columns only for filters (JSON metadata, flags). */
  filterOnly: Record<string, FilterColumn>;
};

const sql = Prisma.sql;
const { string: text, number } = filterColumn;
const T = TRACE_COLUMNS;
const O = OBSERVATION_COLUMNS;
const m = (expr: Prisma.Sql): Measure => ({ sql: expr });
const distinct = (expr: Prisma.Sql): Measure => ({ sql: expr, distinct: true });
const isError = (level: Prisma.Sql) => m(sql`(CASE WHEN ${level} = 'ERROR' THEN 1 ELSE 0 END)`);
const hourOfDay = (time: Prisma.Sql) => number(sql`EXTRACT(HOUR FROM ${time})::int`);
const month = (time: Prisma.Sql) => text(sql`to_char(${time}, 'YYYY-MM')`);

/** One row per tag of the trace (`t`), and one with a null tag for an untagged trace, so it still counts. */
const tagDimension: Dimension = {
  kind: "string",
  sql: sql`tg."tag"`,
  join: sql`CROSS JOIN LATERAL unnest(CASE WHEN cardinality(t."tags") > 0 THEN t."tags" ELSE ARRAY[NULL]::text[] END) AS tg("tag")`,
};

const traceContext = {
  traceName: T.name,
  traceRelease: T.release,
  traceVersion: T.version,
  tags: T.tags,
  tag: tagDimension,
  userId: T.userId,
  sessionId: T.sessionId,
};

const scoreView = (dataType: string): View<"scores-numeric"> => ({
  // The observation join is on its primary key, so Postgres drops it from queries that do not use it.
  from: sql`"Score" s
    LEFT JOIN "Trace" t ON t."projectId" = s."projectId" AND t."id" = s."traceId"
    LEFT JOIN "Observation" so ON so."projectId" = s."projectId" AND so."id" = s."observationId"`,
  project: sql`s."projectId"`,
  time: sql`s."timestamp"`,
  where: sql`s."dataType" = ${dataType}::"ScoreDataType"`,
  metadata: sql`s."metadata"`,
  dimensions: {
    name: text(sql`s."name"`),
    source: text(sql`s."source"::text`),
    dataType: text(sql`s."dataType"::text`),
    environment: text(sql`s."environment"`),
    configId: text(sql`s."configId"`),
    stringValue: text(sql`s."stringValue"`),
    traceId: text(sql`s."traceId"`),
    observationName: text(sql`so."name"`),
    observationModelName: text(sql`so."model"`),
    observationPromptName: text(sql`so."promptName"`),
    observationPromptVersion: number(sql`so."promptVersion"`),
    timestampMonth: month(sql`s."timestamp"`),
    timestampDay: text(sql`to_char(s."timestamp", 'YYYY-MM-DD')`),
    ...traceContext,
    sessionId: text(sql`COALESCE(s."sessionId", t."sessionId")`),
    hourOfDay: hourOfDay(sql`s."timestamp"`),
  },
  measures: { count: m(sql`1`), value: m(sql`s."value"`), uniqueTraceIds: distinct(sql`s."traceId"`) },
  filterOnly: { metadata: filterColumn.json(sql`s."metadata"`) },
});

export const METRIC_VIEW_DEFINITIONS: { [V in MetricView]: View<V> } = {
  traces: {
    // The observation rollup the worker keeps on each trace row (refreshTraceRollups).
    from: sql`"Trace" t`,
    project: sql`t."projectId"`,
    time: T.timestamp.sql,
    metadata: T.metadata.sql,
    dimensions: {
      ...pickColumns(T, ["id", "name", "userId", "sessionId", "release", "version", "environment", "tags", "level"]),
      tag: tagDimension,
      timestampMonth: month(T.timestamp.sql),
      hourOfDay: hourOfDay(T.timestamp.sql),
    },
    measures: {
      count: m(sql`1`),
      observationsCount: m(T.observationCount.sql),
      uniqueUserIds: distinct(T.userId.sql),
      uniqueSessionIds: distinct(T.sessionId.sql),
      latency: m(T.latencyMs.sql),
      totalCost: m(T.totalCost.sql),
      inputTokens: m(T.inputTokens.sql),
      outputTokens: m(T.outputTokens.sql),
      totalTokens: m(T.totalTokens.sql),
      // The dimension `level` (null without observations), so the rollup keyed on it answers the same.
      error: isError(T.level.sql),
    },
    filterOnly: pickColumns(T, ["metadata", "bookmarked"]),
  },
  observations: {
    from: sql`"Observation" o LEFT JOIN "Trace" t ON t."projectId" = o."projectId" AND t."id" = o."traceId"`,
    project: sql`o."projectId"`,
    time: O.startTime.sql,
    metadata: O.metadata.sql,
    dimensions: {
      ...pickColumns(O, [
        "environment",
        "type",
        "name",
        "level",
        "version",
        "providedModelName",
        "model",
        "promptName",
        "promptVersion",
        "isRootObservation",
        "traceId",
        "traceName",
        "traceRelease",
        "traceVersion",
        "userId",
        "sessionId",
        "tags",
      ]),
      release: T.release,
      tag: tagDimension,
      startTimeMonth: month(O.startTime.sql),
      hourOfDay: hourOfDay(O.startTime.sql),
    },
    measures: {
      count: m(sql`1`),
      latency: m(O.latencyMs.sql),
      timeToFirstToken: m(O.timeToFirstTokenMs.sql),
      streamingLatency: m(O.streamingLatencyMs.sql),
      inputTokens: m(O.inputTokens.sql),
      outputTokens: m(O.outputTokens.sql),
      totalTokens: m(O.totalTokens.sql),
      totalCost: m(O.totalCost.sql),
      inputCost: m(O.inputCost.sql),
      outputCost: m(O.outputCost.sql),
      outputTokensPerSecond: m(O.tokensPerSecond.sql),
      tokensPerSecond: m(sql`(o."totalTokens" / NULLIF(EXTRACT(EPOCH FROM (o."endTime" - o."startTime")), 0))`),
      error: isError(O.level.sql),
      uniqueTraceIds: distinct(O.traceId.sql),
      uniqueUserIds: distinct(T.userId.sql),
    },
    filterOnly: pickColumns(O, ["metadata"]),
  },
  "scores-numeric": scoreView("NUMERIC"),
  "scores-categorical": scoreView("CATEGORICAL"),
  "scores-boolean": scoreView("BOOLEAN"),
};

/** The v2 API refuses to group by these (one row per entity). */
export const highCardinality = (view: MetricView): readonly string[] => METRIC_CATALOG[view].highCardinality;

import type { TMetricsQuery } from "@loupe/contracts";
import { prisma } from "../client.ts";
import { QueryInputError } from "../errors.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { type FilterColumns, filterColumn, filterConditions } from "../repositories/filter-sql.ts";
import { OBSERVATION_COLUMNS } from "../repositories/observation-reads.ts";
import { pickColumns } from "../repositories/read-columns.ts";
import { TRACE_COLUMNS } from "../repositories/trace-reads.ts";

// The semantic layer behind /api/public/metrics: each view names its dimensions (groupable columns)
// and measures (per-row numbers) as fixed SQL expressions. A query can only pick names from these
// whitelists, so user input reaches SQL as bound parameters only; every query is bounded by the
// project and the time range.

type View = {
  from: Prisma.Sql;
  project: Prisma.Sql;
  time: Prisma.Sql;
  where?: Prisma.Sql;
  /** Groupable columns; also filterable, with their kind. */
  dimensions: FilterColumns;
  /** Per-row numbers to aggregate; also filterable as numbers. */
  measures: Record<string, Prisma.Sql>;
  /** Columns only for filters (JSON metadata, tag arrays). */
  filterOnly: FilterColumns;
  /** Dimensions v2 rejects because grouping by them returns one row per entity. */
  highCardinality: string[];
};

const sql = Prisma.sql;
const { string: text, array, json } = filterColumn;
const T = TRACE_COLUMNS;
const O = OBSERVATION_COLUMNS;

// Views take their columns from the trace and observation column maps (the same SQL as the lists and
// the public filter), under the metrics API's names: `latency` is in ms here, in seconds in a filter.
const traceDimensions = { traceName: T.name, traceRelease: T.release, traceVersion: T.version };

const scoreView = (dataType: string, value: Prisma.Sql): View => ({
  from: sql`"Score" s LEFT JOIN "Trace" t ON t."projectId" = s."projectId" AND t."id" = s."traceId"`,
  project: sql`s."projectId"`,
  time: sql`s."timestamp"`,
  where: sql`s."dataType" = ${dataType}::"ScoreDataType"`,
  dimensions: {
    name: text(sql`s."name"`),
    source: text(sql`s."source"::text`),
    dataType: text(sql`s."dataType"::text`),
    environment: text(sql`s."environment"`),
    configId: text(sql`s."configId"`),
    stringValue: text(sql`s."stringValue"`),
    traceId: text(sql`s."traceId"`),
    ...traceDimensions,
  },
  measures: { count: sql`1`, value },
  filterOnly: { metadata: json(sql`s."metadata"`), tags: array(T.tags.sql) },
  highCardinality: ["traceId"],
});

export const METRIC_VIEW_DEFINITIONS: Record<TMetricsQuery["view"], View> = {
  traces: {
    // The observation rollup the worker keeps on each trace row (refreshTraceRollups).
    from: sql`"Trace" t`,
    project: sql`t."projectId"`,
    time: T.timestamp.sql,
    dimensions: pickColumns(T, ["id", "name", "userId", "sessionId", "release", "version", "environment"]),
    measures: {
      count: sql`1`,
      observationsCount: T.observationCount.sql,
      latency: T.latencyMs.sql,
      totalCost: T.totalCost.sql,
      inputTokens: T.inputTokens.sql,
      outputTokens: T.outputTokens.sql,
      totalTokens: T.totalTokens.sql,
    },
    filterOnly: pickColumns(T, ["metadata", "tags", "bookmarked"]),
    highCardinality: ["id", "userId", "sessionId"],
  },
  observations: {
    from: sql`"Observation" o LEFT JOIN "Trace" t ON t."projectId" = o."projectId" AND t."id" = o."traceId"`,
    project: sql`o."projectId"`,
    time: O.startTime.sql,
    dimensions: pickColumns(O, [
      "environment",
      "type",
      "name",
      "level",
      "version",
      "providedModelName",
      "promptName",
      "promptVersion",
      "isRootObservation",
      "traceId",
      "userId",
      "sessionId",
      "traceName",
      "traceRelease",
      "traceVersion",
    ]),
    measures: {
      count: sql`1`,
      latency: O.latencyMs.sql,
      timeToFirstToken: O.timeToFirstTokenMs.sql,
      streamingLatency: O.streamingLatencyMs.sql,
      inputTokens: O.inputTokens.sql,
      outputTokens: O.outputTokens.sql,
      totalTokens: O.totalTokens.sql,
      totalCost: O.totalCost.sql,
      inputCost: O.inputCost.sql,
      outputCost: O.outputCost.sql,
      outputTokensPerSecond: O.tokensPerSecond.sql,
    },
    filterOnly: pickColumns(O, ["metadata", "tags"]),
    highCardinality: ["traceId", "userId", "sessionId"],
  },
  "scores-numeric": scoreView("NUMERIC", sql`s."value"`),
  "scores-boolean": scoreView("BOOLEAN", sql`s."value"`),
  "scores-categorical": scoreView("CATEGORICAL", sql`s."value"`),
};

const PERCENTILES = { p50: 0.5, p75: 0.75, p90: 0.9, p95: 0.95, p99: 0.99 } as const;

function aggregate(aggregation: string, expr: Prisma.Sql): Prisma.Sql {
  if (aggregation === "count") return sql`count(${expr})::int`;
  if (aggregation in PERCENTILES)
    return sql`percentile_cont(${PERCENTILES[aggregation as keyof typeof PERCENTILES]}::float8) WITHIN GROUP (ORDER BY ${expr})`;
  return sql`(${Prisma.raw(aggregation)}(${expr}))::float8`;
}

const DEFAULT_HISTOGRAM_BINS = 10;

/**
 * A histogram of `value` per group: `bins` equal-width bins between the group's min and max.
 * The inner query gives each row its bin (window min/max over the group); the outer one counts per bin.
 * Langfuse (ClickHouse `histogram(n)`) places bin edges adaptively; the [lower, upper, height] tuple
 * shape is the same.
 */
function histogramColumns(value: Prisma.Sql, group: Prisma.Sql[], bins: number, k: number) {
  const over = group.length > 0 ? sql`OVER (PARTITION BY ${Prisma.join(group)})` : sql`OVER ()`;
  const x = sql`(${value})::float8`;
  const [lo, hi, bin] = [`h${k}_lo`, `h${k}_hi`, `h${k}_bin`].map((a) => Prisma.raw(`"${a}"`)) as [Prisma.Sql, Prisma.Sql, Prisma.Sql];
  const inner = [
    sql`min(${x}) ${over} AS ${lo}`,
    sql`max(${x}) ${over} AS ${hi}`,
    sql`CASE WHEN max(${x}) ${over} > min(${x}) ${over}
      THEN LEAST(width_bucket(${x}, min(${x}) ${over}, max(${x}) ${over}, ${bins}::int), ${bins}::int)
      WHEN ${x} IS NOT NULL THEN 1 END AS ${bin}`,
  ];
  const counts = Array.from({ length: bins }, (_, i) => sql`count(*) FILTER (WHERE q.${bin} = ${i + 1}::int)`);
  const outer = sql`CASE WHEN count(q.${bin}) = 0 THEN NULL ELSE json_build_array(min(q.${lo}), max(q.${hi}), ARRAY[${Prisma.join(counts)}]) END`;
  return { inner, outer };
}

/** `[lo, hi, counts]` from SQL → Langfuse's `[lower, upper, height]` tuples (one bin when all values are equal). */
function histogramTuples(raw: unknown): [number, number, number][] {
  if (!Array.isArray(raw)) return [];
  const [lo, hi, counts] = raw as [number, number, number[]];
  if (hi <= lo) return [[lo, hi, counts.reduce((a, b) => a + b, 0)]];
  const width = (hi - lo) / counts.length;
  return counts.map((height, i) => [lo + i * width, i === counts.length - 1 ? hi : lo + (i + 1) * width, height]);
}

function granularityFor(query: TMetricsQuery): string {
  const g = query.timeDimension?.granularity ?? "auto";
  if (g !== "auto") return g;
  const hours = (Date.parse(query.toTimestamp) - Date.parse(query.fromTimestamp)) / 3_600_000;
  return hours <= 2 ? "minute" : hours <= 72 ? "hour" : hours <= 24 * 90 ? "day" : hours <= 24 * 400 ? "week" : "month";
}

const quoted = (name: string) => Prisma.raw(`"${name}"`);

/**
 * Runs a metrics query for one project. Throws QueryInputError for fields the view does not have.
 * Shape: an inner SELECT computes the dimension, bucket and measure values per row (bounded by project,
 * time range and filters); the outer one groups and aggregates them.
 */
export async function runMetricsQuery(projectId: string, query: TMetricsQuery, options: { version: 1 | 2 }) {
  const view = METRIC_VIEW_DEFINITIONS[query.view];
  if (options.version === 2 && query.view === "traces")
    throw new QueryInputError("The traces view is not available in v2; use observations");
  const known = <T>(kind: "dimension" | "measure", name: string, map: Record<string, T>): T => {
    const found = map[name];
    if (!found) throw new QueryInputError(`Unknown ${kind} "${name}" for view ${query.view}; available: ${Object.keys(map).join(", ")}`);
    return found;
  };
  const inner: Prisma.Sql[] = [];
  const outer: Prisma.Sql[] = [];
  const groupBy: Prisma.Sql[] = [];
  const innerGroup: Prisma.Sql[] = [];
  const aliases = new Set<string>();
  const histograms: string[] = [];
  for (const { field } of query.dimensions) {
    if (options.version === 2 && view.highCardinality.includes(field)) {
      throw new QueryInputError(`Grouping by ${field} is not allowed in v2 (one row per entity); filter on it instead`);
    }
    const expr = known("dimension", field, view.dimensions).sql;
    inner.push(sql`${expr} AS ${quoted(field)}`);
    innerGroup.push(expr);
    outer.push(sql`q.${quoted(field)}`);
    groupBy.push(sql`q.${quoted(field)}`);
    aliases.add(field);
  }
  if (query.timeDimension) {
    // Inlined (from the granularity whitelist), not bound: the window partition must see the same text.
    const bucket = sql`date_trunc(${Prisma.raw(`'${granularityFor(query)}'`)}, ${view.time})`;
    inner.push(sql`${bucket} AS "time_dimension"`);
    innerGroup.push(bucket);
    outer.push(sql`q."time_dimension"`);
    groupBy.push(sql`q."time_dimension"`);
    aliases.add("time_dimension");
  }
  query.metrics.forEach(({ measure, aggregation }, k) => {
    const alias = `${aggregation}_${measure}`;
    const value = known("measure", measure, view.measures);
    if (aggregation === "histogram") {
      const h = histogramColumns(value, innerGroup, query.config?.bins ?? DEFAULT_HISTOGRAM_BINS, k);
      inner.push(...h.inner);
      outer.push(sql`${h.outer} AS ${quoted(alias)}`);
      histograms.push(alias);
    } else {
      inner.push(sql`${value} AS ${quoted(`m${k}`)}`);
      outer.push(sql`${aggregate(aggregation, sql`q.${quoted(`m${k}`)}`)} AS ${quoted(alias)}`);
      aliases.add(alias);
    }
  });
  const where = [
    sql`${view.project} = ${projectId}`,
    sql`${view.time} >= ${new Date(query.fromTimestamp)}`,
    sql`${view.time} < ${new Date(query.toTimestamp)}`,
    ...(view.where ? [view.where] : []),
    ...filterConditions(query.filters, {
      ...view.dimensions,
      ...Object.fromEntries(Object.entries(view.measures).map(([name, expr]) => [name, filterColumn.number(expr)])),
      ...view.filterOnly,
    }),
  ];
  const orderBy = (query.orderBy ?? (aliases.has("time_dimension") ? [{ field: "time_dimension", direction: "asc" as const }] : [])).map(
    (o) => {
      if (histograms.includes(o.field)) throw new QueryInputError(`orderBy field "${o.field}" is a histogram and cannot be ordered by`);
      if (!aliases.has(o.field)) throw new QueryInputError(`orderBy field "${o.field}" is not a selected dimension or metric`);
      return sql`${quoted(o.field)} ${Prisma.raw(o.direction === "asc" ? "ASC" : "DESC")} NULLS LAST`;
    },
  );
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT ${Prisma.join(outer)}
    FROM (SELECT ${inner.length > 0 ? Prisma.join(inner) : sql`1`} FROM ${view.from} WHERE ${Prisma.join(where, " AND ")}) q
    ${groupBy.length > 0 ? sql`GROUP BY ${Prisma.join(groupBy)}` : Prisma.empty}
    ${orderBy.length > 0 ? sql`ORDER BY ${Prisma.join(orderBy)}` : Prisma.empty}
    LIMIT ${query.config?.row_limit ?? 100}`;
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        histograms.includes(k)
          ? histogramTuples(v)
          : v instanceof Date
            ? v.toISOString()
            : typeof v === "bigint"
              ? Number(v)
              : v && typeof v === "object" && "toNumber" in v
                ? (v as { toNumber(): number }).toNumber()
                : v,
      ]),
    ),
  );
}

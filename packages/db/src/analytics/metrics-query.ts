import { METADATA_DIMENSION_PREFIX, type MetricView, metadataKeyOf, type TMetricsQuery } from "@loupe/contracts";
import { prisma } from "../client.ts";
import { QueryInputError } from "../errors.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { type FilterColumns, filterColumn, filterConditions } from "../repositories/filter-sql.ts";
import { answerFromRollups } from "./rollups/plan.ts";
import { type Dimension, highCardinality, METRIC_VIEW_DEFINITIONS, type Measure, type View } from "./views.ts";

// Compiles a metrics query (contracts TMetricsQuery) over a view of views.ts into one SQL query: an
// inner SELECT computes the dimension, bucket and measure values per row (bounded by project, time
// range and filters); the outer one groups and aggregates them. Output columns get positional aliases
// (d0, m0, …) and are renamed in JS, so no field name (a metadata key, say) is ever spliced into SQL.

export { METRIC_VIEW_DEFINITIONS } from "./views.ts";

const sql = Prisma.sql;
const PERCENTILES = { p50: 0.5, p75: 0.75, p90: 0.9, p95: 0.95, p99: 0.99 } as const;

function aggregate(aggregation: string, measure: Measure, expr: Prisma.Sql, name: string): Prisma.Sql {
  if (measure.distinct) {
    if (aggregation === "count" || aggregation === "uniq" || aggregation === "sum") return sql`count(DISTINCT ${expr})::int`;
    throw new QueryInputError(`measure "${name}" counts distinct values: use aggregation count or uniq, not ${aggregation}`);
  }
  if (aggregation === "uniq") return sql`count(DISTINCT ${expr})::int`;
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

export function granularityFor(query: TMetricsQuery): string {
  const g = query.timeDimension?.granularity ?? "auto";
  if (g !== "auto") return g;
  const hours = (Date.parse(query.toTimestamp) - Date.parse(query.fromTimestamp)) / 3_600_000;
  return hours <= 2 ? "minute" : hours <= 72 ? "hour" : hours <= 24 * 90 ? "day" : hours <= 24 * 400 ? "week" : "month";
}

const quoted = (alias: string) => Prisma.raw(`"${alias}"`);

/** A field of the view: one of its dimensions, or `metadata.<key>` (the key bound, never spliced). */
function resolveDimension(view: View, viewName: MetricView, field: string): Dimension {
  const dimensions = view.dimensions as Record<string, Dimension>;
  if (Object.hasOwn(dimensions, field)) return dimensions[field] as Dimension;
  const key = metadataKeyOf(field);
  if (key !== null) return filterColumn.string(sql`(${view.metadata} ->> ${key})`);
  if (field.startsWith(METADATA_DIMENSION_PREFIX))
    throw new QueryInputError(`"${field}": a metadata key is 1–200 characters without control characters`);
  throw new QueryInputError(
    `Unknown dimension "${field}" for view ${viewName}; available: ${Object.keys(view.dimensions).join(", ")}, metadata.<key>`,
  );
}

/** Filter columns of the view: its dimensions (but not exploded ones), measures, filter-only columns and the query's metadata keys. */
function filterColumnsFor(view: View, viewName: MetricView, query: TMetricsQuery): FilterColumns {
  const columns: FilterColumns = {};
  for (const [name, d] of Object.entries(view.dimensions as Record<string, Dimension>)) if (!d.join) columns[name] = d;
  for (const [name, measure] of Object.entries(view.measures as Record<string, Measure>))
    columns[name] ??= measure.distinct ? filterColumn.string(measure.sql) : filterColumn.number(measure.sql);
  Object.assign(columns, view.filterOnly);
  for (const { column } of query.filters)
    if (column.startsWith(METADATA_DIMENSION_PREFIX)) columns[column] = resolveDimension(view, viewName, column);
  return columns;
}

export type MetricsQueryOptions = {
  version: 1 | 2;
  /** Answer from rollups when they cover the query (default); false always scans raw rows (tests, benchmarks). */
  rollups?: boolean;
};

/**
 * Runs a metrics query for one project: from the rollups when they cover every dimension, filter and
 * measure of it (rollups/plan.ts), from raw rows otherwise. Throws QueryInputError for fields the view
 * does not have.
 */
export async function runMetricsQuery(projectId: string, query: TMetricsQuery, options: MetricsQueryOptions) {
  if (options.version === 2 && query.view === "traces")
    throw new QueryInputError("The traces view is not available in v2; use observations");
  if (options.rollups !== false) {
    const rolled = await answerFromRollups(projectId, query, query.timeDimension ? granularityFor(query) : null);
    if (rolled) return renamed(rolled.rows, rolled.aliases, new Set());
  }
  return scanRawRows(projectId, query, options);
}

/** Rows with SQL aliases → rows with the query's output names, JSON-ready. */
function renamed(rows: Record<string, unknown>[], aliases: Map<string, string>, histograms: Set<string>) {
  const names = [...aliases].map(([name, alias]) => [alias, name] as const);
  return rows.map((row) =>
    Object.fromEntries(names.map(([alias, name]) => [name, histograms.has(name) ? histogramTuples(row[alias]) : plain(row[alias])])),
  );
}

async function scanRawRows(projectId: string, query: TMetricsQuery, options: MetricsQueryOptions) {
  const view = METRIC_VIEW_DEFINITIONS[query.view] as View;
  const inner: Prisma.Sql[] = [];
  const outer: Prisma.Sql[] = [];
  const groupBy: Prisma.Sql[] = [];
  const innerGroup: Prisma.Sql[] = [];
  const joins: Prisma.Sql[] = [];
  /** Output name → SQL alias, for ORDER BY and for renaming the rows. */
  const aliases = new Map<string, string>();
  const histograms = new Set<string>();
  query.dimensions.forEach(({ field }, i) => {
    if (options.version === 2 && highCardinality(query.view).includes(field)) {
      throw new QueryInputError(`Grouping by ${field} is not allowed in v2 (one row per entity); filter on it instead`);
    }
    const dimension = resolveDimension(view, query.view, field);
    if (dimension.join && !joins.includes(dimension.join)) joins.push(dimension.join);
    const alias = `d${i}`;
    inner.push(sql`${dimension.sql} AS ${quoted(alias)}`);
    innerGroup.push(dimension.sql);
    outer.push(sql`q.${quoted(alias)}`);
    groupBy.push(sql`q.${quoted(alias)}`);
    aliases.set(field, alias);
  });
  if (query.timeDimension) {
    // Inlined (from the granularity whitelist), not bound: the window partition must see the same text.
    const bucket = sql`date_trunc(${Prisma.raw(`'${granularityFor(query)}'`)}, ${view.time})`;
    inner.push(sql`${bucket} AS "time_dimension"`);
    innerGroup.push(bucket);
    outer.push(sql`q."time_dimension"`);
    groupBy.push(sql`q."time_dimension"`);
    aliases.set("time_dimension", "time_dimension");
  }
  query.metrics.forEach(({ measure: name, aggregation }, k) => {
    const measures = view.measures as Record<string, Measure>;
    const measure = Object.hasOwn(measures, name) ? measures[name] : undefined;
    if (!measure)
      throw new QueryInputError(`Unknown measure "${name}" for view ${query.view}; available: ${Object.keys(view.measures).join(", ")}`);
    const output = `${aggregation}_${name}`;
    const alias = `a${k}`;
    if (aggregation === "histogram") {
      if (measure.distinct) throw new QueryInputError(`measure "${name}" counts distinct values and has no histogram`);
      const h = histogramColumns(measure.sql, innerGroup, query.config?.bins ?? DEFAULT_HISTOGRAM_BINS, k);
      inner.push(...h.inner);
      outer.push(sql`${h.outer} AS ${quoted(alias)}`);
      histograms.add(output);
    } else {
      inner.push(sql`${measure.sql} AS ${quoted(`m${k}`)}`);
      outer.push(sql`${aggregate(aggregation, measure, sql`q.${quoted(`m${k}`)}`, name)} AS ${quoted(alias)}`);
    }
    aliases.set(output, alias);
  });
  const where = [
    sql`${view.project} = ${projectId}`,
    sql`${view.time} >= ${new Date(query.fromTimestamp)}`,
    sql`${view.time} < ${new Date(query.toTimestamp)}`,
    ...(view.where ? [view.where] : []),
    ...filterConditions(query.filters, filterColumnsFor(view, query.view, query)),
  ];
  const orderBy = (query.orderBy ?? (query.timeDimension ? [{ field: "time_dimension", direction: "asc" as const }] : [])).map((o) => {
    if (histograms.has(o.field)) throw new QueryInputError(`orderBy field "${o.field}" is a histogram and cannot be ordered by`);
    const alias = aliases.get(o.field);
    if (!alias) throw new QueryInputError(`orderBy field "${o.field}" is not a selected dimension or metric`);
    return sql`${quoted(alias)} ${Prisma.raw(o.direction === "asc" ? "ASC" : "DESC")} NULLS LAST`;
  });
  const from = joins.length > 0 ? sql`${view.from} ${Prisma.join(joins, " ")}` : view.from;
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT ${Prisma.join(outer)}
    FROM (SELECT ${inner.length > 0 ? Prisma.join(inner) : sql`1`} FROM ${from} WHERE ${Prisma.join(where, " AND ")}) q
    ${groupBy.length > 0 ? sql`GROUP BY ${Prisma.join(groupBy)}` : Prisma.empty}
    ${orderBy.length > 0 ? sql`ORDER BY ${Prisma.join(orderBy)}` : Prisma.empty}
    LIMIT ${query.config?.row_limit ?? 100}`;
  const names = [...aliases].map(([name, alias]) => [alias, name] as const);
  return rows.map((row) =>
    Object.fromEntries(names.map(([alias, name]) => [name, histograms.has(name) ? histogramTuples(row[alias]) : plain(row[alias])])),
  );
}

/** A SQL value as JSON: dates as ISO text, bigint and Decimal as numbers. */
function plain(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "bigint") return Number(v);
  if (v && typeof v === "object" && "toNumber" in v) return (v as { toNumber(): number }).toNumber();
  return v;
}

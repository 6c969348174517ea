import type { TMetricsQuery } from "@loupe/contracts";
import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";

// The semantic layer behind /api/public/metrics: each view names its dimensions (groupable columns)
// and measures (per-row numbers) as fixed SQL expressions. A query can only pick names from these
// whitelists, so user input reaches SQL as bound parameters only; every query is bounded by the
// project and the time range.

type View = {
  from: Prisma.Sql;
  project: Prisma.Sql;
  time: Prisma.Sql;
  where?: Prisma.Sql;
  dimensions: Record<string, Prisma.Sql>;
  measures: Record<string, Prisma.Sql>;
  /** Dimensions v2 rejects because grouping by them returns one row per entity. */
  highCardinality: string[];
};

const sql = Prisma.sql;
const ms = (a: Prisma.Sql, b: Prisma.Sql) => sql`(EXTRACT(EPOCH FROM (${a} - ${b})) * 1000)`;

const traceDimensions = {
  traceName: sql`t."name"`,
  traceRelease: sql`t."release"`,
  traceVersion: sql`t."version"`,
};

const scoreView = (dataType: string, value: Prisma.Sql): View => ({
  from: sql`"Score" s LEFT JOIN "Trace" t ON t."projectId" = s."projectId" AND t."id" = s."traceId"`,
  project: sql`s."projectId"`,
  time: sql`s."timestamp"`,
  where: sql`s."dataType" = ${dataType}::"ScoreDataType"`,
  dimensions: {
    name: sql`s."name"`,
    source: sql`s."source"::text`,
    dataType: sql`s."dataType"::text`,
    environment: sql`s."environment"`,
    configId: sql`s."configId"`,
    stringValue: sql`s."stringValue"`,
    traceId: sql`s."traceId"`,
    ...traceDimensions,
  },
  measures: { count: sql`1`, value },
  highCardinality: ["traceId"],
});

export const METRIC_VIEW_DEFINITIONS: Record<TMetricsQuery["view"], View> = {
  traces: {
    from: sql`"Trace" t LEFT JOIN LATERAL (
      SELECT sum(o."totalCost") AS cost, sum(o."inputTokens") AS input_tokens, sum(o."outputTokens") AS output_tokens,
        sum(o."totalTokens") AS total_tokens, count(*) AS observations,
        ${ms(sql`max(COALESCE(o."endTime", o."startTime"))`, sql`min(o."startTime")`)} AS latency
      FROM "Observation" o WHERE o."projectId" = t."projectId" AND o."traceId" = t."id") a ON true`,
    project: sql`t."projectId"`,
    time: sql`t."timestamp"`,
    dimensions: {
      id: sql`t."id"`,
      name: sql`t."name"`,
      userId: sql`t."userId"`,
      sessionId: sql`t."sessionId"`,
      release: sql`t."release"`,
      version: sql`t."version"`,
      environment: sql`t."environment"`,
    },
    measures: {
      count: sql`1`,
      observationsCount: sql`a.observations`,
      latency: sql`a.latency`,
      totalCost: sql`a.cost`,
      inputTokens: sql`a.input_tokens`,
      outputTokens: sql`a.output_tokens`,
      totalTokens: sql`a.total_tokens`,
    },
    highCardinality: ["id", "userId", "sessionId"],
  },
  observations: {
    from: sql`"Observation" o LEFT JOIN "Trace" t ON t."projectId" = o."projectId" AND t."id" = o."traceId"`,
    project: sql`o."projectId"`,
    time: sql`o."startTime"`,
    dimensions: {
      environment: sql`o."environment"`,
      type: sql`o."type"`,
      name: sql`o."name"`,
      level: sql`o."level"`,
      version: sql`o."version"`,
      providedModelName: sql`o."model"`,
      promptName: sql`o."promptName"`,
      promptVersion: sql`o."promptVersion"`,
      traceId: sql`o."traceId"`,
      userId: sql`t."userId"`,
      sessionId: sql`t."sessionId"`,
      ...traceDimensions,
    },
    measures: {
      count: sql`1`,
      latency: ms(sql`o."endTime"`, sql`o."startTime"`),
      timeToFirstToken: ms(sql`o."completionStartTime"`, sql`o."startTime"`),
      inputTokens: sql`o."inputTokens"`,
      outputTokens: sql`o."outputTokens"`,
      totalTokens: sql`o."totalTokens"`,
      totalCost: sql`o."totalCost"`,
      inputCost: sql`(o."costDetails"->>'input')::numeric`,
      outputCost: sql`(o."costDetails"->>'output')::numeric`,
      outputTokensPerSecond: sql`o."outputTokens" / NULLIF(EXTRACT(EPOCH FROM (o."endTime" - o."startTime")), 0)`,
    },
    highCardinality: ["traceId", "userId", "sessionId"],
  },
  "scores-numeric": scoreView("NUMERIC", sql`s."value"`),
  "scores-boolean": scoreView("BOOLEAN", sql`s."value"`),
  "scores-categorical": scoreView("CATEGORICAL", sql`s."value"`),
};

export class MetricsQueryError extends Error {}

const PERCENTILES = { p50: 0.5, p75: 0.75, p90: 0.9, p95: 0.95, p99: 0.99 } as const;

function aggregate(aggregation: string, expr: Prisma.Sql): Prisma.Sql {
  if (aggregation === "count") return sql`count(${expr})::int`;
  if (aggregation in PERCENTILES)
    return sql`percentile_cont(${PERCENTILES[aggregation as keyof typeof PERCENTILES]}::float8) WITHIN GROUP (ORDER BY ${expr})`;
  if (aggregation === "histogram") throw new MetricsQueryError("The histogram aggregation is not supported yet; use p50–p99, min or max");
  return sql`(${Prisma.raw(aggregation)}(${expr}))::float8`;
}

function granularityFor(query: TMetricsQuery): string {
  const g = query.timeDimension?.granularity ?? "auto";
  if (g !== "auto") return g;
  const hours = (Date.parse(query.toTimestamp) - Date.parse(query.fromTimestamp)) / 3_600_000;
  return hours <= 2 ? "minute" : hours <= 72 ? "hour" : hours <= 24 * 90 ? "day" : hours <= 24 * 400 ? "week" : "month";
}

function filterSql(column: Prisma.Sql, operator: string, value: unknown): Prisma.Sql {
  const list = Array.isArray(value) ? value.map(String) : [String(value)];
  switch (operator) {
    case "any of":
      return sql`${column}::text = ANY(${list}::text[])`;
    case "none of":
      return sql`(${column} IS NULL OR NOT (${column}::text = ANY(${list}::text[])))`;
    case "contains":
      return sql`${column}::text ILIKE ${`%${String(value)}%`}`;
    case "does not contain":
      return sql`(${column} IS NULL OR ${column}::text NOT ILIKE ${`%${String(value)}%`})`;
    case "starts with":
      return sql`${column}::text ILIKE ${`${String(value)}%`}`;
    case "ends with":
      return sql`${column}::text ILIKE ${`%${String(value)}`}`;
    default: {
      const op = Prisma.raw(operator); // one of =, !=, >, <, >=, <= (validated by the contract)
      return typeof value === "number" ? sql`${column} ${op} ${value}` : sql`${column}::text ${op} ${String(value)}`;
    }
  }
}

/** Runs a metrics query for one project. Throws MetricsQueryError for fields the view does not have. */
export async function runMetricsQuery(projectId: string, query: TMetricsQuery, options: { version: 1 | 2 }) {
  const view = METRIC_VIEW_DEFINITIONS[query.view];
  if (options.version === 2 && query.view === "traces")
    throw new MetricsQueryError("The traces view is not available in v2; use observations");
  const known = (kind: "dimension" | "measure", name: string, map: Record<string, Prisma.Sql>) => {
    const expr = map[name];
    if (!expr) throw new MetricsQueryError(`Unknown ${kind} "${name}" for view ${query.view}; available: ${Object.keys(map).join(", ")}`);
    return expr;
  };
  const select: Prisma.Sql[] = [];
  const groupBy: Prisma.Sql[] = [];
  const aliases = new Set<string>();
  for (const { field } of query.dimensions) {
    if (options.version === 2 && view.highCardinality.includes(field)) {
      throw new MetricsQueryError(`Grouping by ${field} is not allowed in v2 (one row per entity); filter on it instead`);
    }
    const expr = known("dimension", field, view.dimensions);
    select.push(sql`${expr} AS ${Prisma.raw(`"${field}"`)}`);
    groupBy.push(expr);
    aliases.add(field);
  }
  if (query.timeDimension) {
    // Inlined (from the granularity whitelist), not bound: GROUP BY must see the same text as SELECT.
    const bucket = sql`date_trunc(${Prisma.raw(`'${granularityFor(query)}'`)}, ${view.time})`;
    select.push(sql`${bucket} AS "time_dimension"`);
    groupBy.push(bucket);
    aliases.add("time_dimension");
  }
  for (const { measure, aggregation } of query.metrics) {
    const alias = `${aggregation}_${measure}`;
    select.push(sql`${aggregate(aggregation, known("measure", measure, view.measures))} AS ${Prisma.raw(`"${alias}"`)}`);
    aliases.add(alias);
  }
  const where = [
    sql`${view.project} = ${projectId}`,
    sql`${view.time} >= ${new Date(query.fromTimestamp)}`,
    sql`${view.time} < ${new Date(query.toTimestamp)}`,
  ];
  if (view.where) where.push(view.where);
  for (const f of query.filters) {
    const column = view.dimensions[f.column] ?? view.measures[f.column];
    if (!column) throw new MetricsQueryError(`Unknown filter column "${f.column}" for view ${query.view}`);
    where.push(filterSql(column, f.operator, f.value));
  }
  const orderBy = (query.orderBy ?? (aliases.has("time_dimension") ? [{ field: "time_dimension", direction: "asc" as const }] : [])).map(
    (o) => {
      if (!aliases.has(o.field)) throw new MetricsQueryError(`orderBy field "${o.field}" is not a selected dimension or metric`);
      return sql`${Prisma.raw(`"${o.field}"`)} ${Prisma.raw(o.direction === "asc" ? "ASC" : "DESC")} NULLS LAST`;
    },
  );
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT ${Prisma.join(select)} FROM ${view.from}
    WHERE ${Prisma.join(where, " AND ")}
    ${groupBy.length > 0 ? sql`GROUP BY ${Prisma.join(groupBy)}` : Prisma.empty}
    ${orderBy.length > 0 ? sql`ORDER BY ${Prisma.join(orderBy)}` : Prisma.empty}
    LIMIT ${query.config?.row_limit ?? 100}`;
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        v instanceof Date
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

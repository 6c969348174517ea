import { z } from "zod";
import { ZFilterCondition } from "../common/filter.ts";
import { zJsonString } from "../common/query.ts";
import { METRIC_CATALOG, type MetricView } from "./metrics-catalog.ts";

// GET /api/public/metrics?query=<json> (v1) and /api/public/v2/metrics (v2) — langfuse-api.md §5.6.

// What each view offers, and how to ask for each measure and dimension: metrics-catalog.ts.
export const METRIC_VIEWS = Object.keys(METRIC_CATALOG) as [MetricView, ...MetricView[]];
/** Langfuse's aggregation names; `uniq` counts distinct values. */
export const METRIC_AGGREGATIONS = ["sum", "avg", "count", "max", "min", "p50", "p75", "p90", "p95", "p99", "histogram", "uniq"] as const;
export type TMetricAggregation = (typeof METRIC_AGGREGATIONS)[number];
export const TIME_GRANULARITIES = ["auto", "minute", "hour", "day", "week", "month"] as const;

/**
 * A metrics filter is a filter condition (common/filter.ts). Older clients leave out `type`; it is then
 * read off the operator and value, so `{column:"name", operator:"any of", value:["a"]}` still works.
 */
const ZMetricsFilter = z.preprocess((raw) => {
  if (!raw || typeof raw !== "object" || "type" in raw) return raw;
  const f = raw as { operator?: unknown; value?: unknown; key?: unknown };
  const type =
    f.operator === "is null" || f.operator === "is not null"
      ? "null"
      : f.operator === "all of"
        ? "arrayOptions"
        : Array.isArray(f.value)
          ? "stringOptions"
          : typeof f.value === "boolean"
            ? f.key === undefined
              ? "boolean"
              : "booleanObject"
            : typeof f.value === "number"
              ? f.key === undefined
                ? "number"
                : "numberObject"
              : f.key !== undefined
                ? "stringObject"
                : [">", "<", ">=", "<="].includes(String(f.operator))
                  ? "datetime"
                  : "string";
  return { ...raw, type };
}, ZFilterCondition);

export const ZMetricsQuery = z
  .object({
    view: z.enum(METRIC_VIEWS),
    dimensions: z
      .array(z.object({ field: z.string().min(1).max(250) }))
      .max(10)
      .default([]),
    metrics: z
      .array(z.object({ measure: z.string().min(1), aggregation: z.enum(METRIC_AGGREGATIONS) }))
      .min(1)
      .max(20),
    filters: z.array(ZMetricsFilter).max(50).default([]),
    timeDimension: z.object({ granularity: z.enum(TIME_GRANULARITIES) }).nullish(),
    fromTimestamp: z.iso.datetime({ offset: true }),
    toTimestamp: z.iso.datetime({ offset: true }),
    orderBy: z.array(z.object({ field: z.string().min(1), direction: z.enum(["asc", "desc"]) })).nullish(),
    config: z
      .object({ bins: z.number().int().min(1).max(100).optional(), row_limit: z.number().int().min(1).max(1000).optional() })
      .nullish(),
  })
  .refine((q) => Date.parse(q.fromTimestamp) < Date.parse(q.toTimestamp), {
    message: "fromTimestamp must be before toTimestamp",
    path: ["fromTimestamp"],
  });
export type TMetricsQuery = z.infer<typeof ZMetricsQuery>;

/** The `query` search parameter: URL-encoded JSON of a metrics query. */
export const ZMetricsQueryParam = z.object({
  query: zJsonString("query", "URL-encoded JSON of a metrics query").pipe(ZMetricsQuery),
});

export const ZMetricsResponse = z.object({ data: z.array(z.record(z.string(), z.unknown())) });
export type TMetricsResponse = z.infer<typeof ZMetricsResponse>;

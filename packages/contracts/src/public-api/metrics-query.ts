import { z } from "zod";

// GET /api/public/metrics?query=<json> (v1) and /api/public/v2/metrics (v2) — langfuse-api.md §5.6.

export const METRIC_VIEWS = ["traces", "observations", "scores-numeric", "scores-categorical", "scores-boolean"] as const;
export const METRIC_AGGREGATIONS = ["sum", "avg", "count", "max", "min", "p50", "p75", "p90", "p95", "p99", "histogram"] as const;
export const TIME_GRANULARITIES = ["auto", "minute", "hour", "day", "week", "month"] as const;
export const FILTER_OPERATORS = [
  "=",
  "!=",
  ">",
  "<",
  ">=",
  "<=",
  "any of",
  "none of",
  "contains",
  "does not contain",
  "starts with",
  "ends with",
] as const;

export const ZMetricsQuery = z
  .object({
    view: z.enum(METRIC_VIEWS),
    dimensions: z
      .array(z.object({ field: z.string().min(1) }))
      .max(10)
      .default([]),
    metrics: z
      .array(z.object({ measure: z.string().min(1), aggregation: z.enum(METRIC_AGGREGATIONS) }))
      .min(1)
      .max(20),
    filters: z
      .array(
        z.object({
          column: z.string().min(1),
          operator: z.enum(FILTER_OPERATORS),
          value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]),
          type: z.string().optional(),
          key: z.string().optional(),
        }),
      )
      .max(50)
      .default([]),
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
  query: z
    .string({ error: "query is required: URL-encoded JSON of a metrics query" })
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "query is not valid JSON" });
        return z.NEVER;
      }
    })
    .pipe(ZMetricsQuery),
});

export const ZMetricsResponse = z.object({ data: z.array(z.record(z.string(), z.unknown())) });
export type TMetricsResponse = z.infer<typeof ZMetricsResponse>;

import { z } from "zod";
import { ZPageMeta, ZPageQuery } from "../common/pagination.ts";
import { ZQueryArray, ZQueryString, ZQueryTimestamp } from "../common/query.ts";

// GET /api/public/metrics/daily — langfuse-api.md §5.6.

export const ZDailyMetricsQuery = ZPageQuery.extend({
  traceName: ZQueryString,
  userId: ZQueryString,
  tags: ZQueryArray,
  environment: ZQueryArray,
  fromTimestamp: ZQueryTimestamp,
  toTimestamp: ZQueryTimestamp,
});
export type TDailyMetricsQuery = z.infer<typeof ZDailyMetricsQuery>;

export const ZDailyUsage = z.object({
  model: z.string().nullable(),
  inputUsage: z.number(),
  outputUsage: z.number(),
  totalUsage: z.number(),
  countObservations: z.number().int(),
  countTraces: z.number().int(),
  totalCost: z.number(),
});

export const ZDailyMetrics = z.object({
  date: z.string(),
  countTraces: z.number().int(),
  countObservations: z.number().int(),
  totalCost: z.number(),
  usage: z.array(ZDailyUsage),
});

export const ZDailyMetricsResponse = z.object({ data: z.array(ZDailyMetrics), meta: ZPageMeta });
export type TDailyMetricsResponse = z.infer<typeof ZDailyMetricsResponse>;

import { z } from "zod";
import { ZQueryFilter } from "../common/filter.ts";
import { ZPageMeta, ZPageQuery } from "../common/pagination.ts";
import { ZQueryArray, ZQueryString, ZQueryTimestamp, zFieldGroups, zOrderBy } from "../common/query.ts";
import { ZId } from "../ingestion/events.ts";
import { ZObservationView } from "./observations.ts";
import { ZPublicScore } from "./scores.ts";

// /api/public/traces — langfuse-api.md §5.1.

export const TRACE_FIELD_GROUPS = ["core", "io", "scores", "observations", "metrics"] as const;
export type TraceFieldGroup = (typeof TRACE_FIELD_GROUPS)[number];

export const TRACE_ORDER_FIELDS = ["id", "timestamp", "name", "userId", "release", "version", "public", "bookmarked", "sessionId"] as const;

export const ZTracesQuery = ZPageQuery.extend({
  userId: ZQueryString,
  name: ZQueryString,
  sessionId: ZQueryString,
  fromTimestamp: ZQueryTimestamp,
  toTimestamp: ZQueryTimestamp,
  orderBy: zOrderBy(TRACE_ORDER_FIELDS),
  tags: ZQueryArray,
  version: ZQueryString,
  release: ZQueryString,
  environment: ZQueryArray,
  fields: zFieldGroups(TRACE_FIELD_GROUPS),
  /** JSON filter conditions; they replace the simple parameters of the same column. */
  filter: ZQueryFilter,
});
export type TTracesQuery = z.infer<typeof ZTracesQuery>;

export const ZTraceParams = z.object({ traceId: z.string().min(1) });
export const ZTraceQuery = z.object({ fields: zFieldGroups(TRACE_FIELD_GROUPS) });
export type TTraceQuery = z.infer<typeof ZTraceQuery>;

/** The base trace (also inside sessions). input/output/metadata are absent when the io group is not selected. */
export const ZPublicTrace = z.object({
  id: z.string(),
  projectId: z.string(),
  timestamp: z.string(),
  name: z.string().nullable(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  metadata: z.unknown().optional(),
  sessionId: z.string().nullable(),
  release: z.string().nullable(),
  version: z.string().nullable(),
  userId: z.string().nullable(),
  tags: z.array(z.string()),
  public: z.boolean(),
  bookmarked: z.boolean(),
  environment: z.string(),
  externalId: z.null(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TPublicTrace = z.infer<typeof ZPublicTrace>;

const ZTraceMetrics = z.object({
  htmlPath: z.string(),
  /** Seconds; -1 when the metrics group is not selected. */
  latency: z.number().nullable(),
  /** USD; -1 when the metrics group is not selected. */
  totalCost: z.number().nullable(),
});

export const ZTraceWithDetails = ZPublicTrace.extend(ZTraceMetrics.shape).extend({
  observations: z.array(z.string()),
  scores: z.array(z.string()),
});
export type TTraceWithDetails = z.infer<typeof ZTraceWithDetails>;

export const ZTraceWithFullDetails = ZPublicTrace.extend(ZTraceMetrics.shape).extend({
  observations: z.array(ZObservationView),
  scores: z.array(ZPublicScore),
});
export type TTraceWithFullDetails = z.infer<typeof ZTraceWithFullDetails>;

export const ZTracesResponse = z.object({ data: z.array(ZTraceWithDetails), meta: ZPageMeta });
export type TTracesResponse = z.infer<typeof ZTracesResponse>;

export const ZDeleteTracesBody = z.object({ traceIds: z.array(ZId).min(1).max(1000) });
export type TDeleteTracesBody = z.infer<typeof ZDeleteTracesBody>;

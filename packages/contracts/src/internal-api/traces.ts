import { z } from "zod";
import { OBSERVATION_LEVELS, OBSERVATION_TYPES } from "../common/observation-types.ts";
import { ZListPageMeta } from "../common/pagination.ts";
import { ZObservationListItem } from "./list-filters.ts";

// Request/response shapes of /api/internal/projects/:projectId/traces… (the UI's react-query hooks).

/**
 * The scores of one name on a trace (its own and its observations'), for the table's Scores column:
 * numeric scores by their average, categorical and boolean ones by their most common label.
 */
export const ZTraceScoreAggregate = z.object({
  name: z.string(),
  dataType: z.string(),
  count: z.number().int(),
  average: z.number().nullable(),
  mostCommon: z.string().nullable(),
});
export type TTraceScoreAggregate = z.infer<typeof ZTraceScoreAggregate>;

export const ZTraceListItem = z.object({
  id: z.string(),
  name: z.string().nullable(),
  timestamp: z.string(),
  userId: z.string().nullable(),
  sessionId: z.string().nullable(),
  tags: z.array(z.string()),
  environment: z.string(),
  release: z.string().nullable(),
  version: z.string().nullable(),
  observationCount: z.number().int(),
  latencyMs: z.number().nullable(),
  totalCost: z.number().nullable(),
  inputTokens: z.number().nullable(),
  outputTokens: z.number().nullable(),
  totalTokens: z.number().nullable(),
  level: z.enum(OBSERVATION_LEVELS),
  scores: z.array(ZTraceScoreAggregate),
});
export type TTraceListItem = z.infer<typeof ZTraceListItem>;

export const ZTraceListResponse = z.object({ data: z.array(ZTraceListItem), meta: ZListPageMeta });
export type TTraceListResponse = z.infer<typeof ZTraceListResponse>;

export const ZObservationListResponse = z.object({ data: z.array(ZObservationListItem), meta: ZListPageMeta });
export type TObservationListResponse = z.infer<typeof ZObservationListResponse>;

const ZNumberMap = z.record(z.string(), z.number());

export const ZObservationSummary = z.object({
  id: z.string(),
  traceId: z.string(),
  parentObservationId: z.string().nullable(),
  type: z.enum(OBSERVATION_TYPES),
  name: z.string().nullable(),
  startTime: z.string(),
  endTime: z.string().nullable(),
  completionStartTime: z.string().nullable(),
  level: z.enum(OBSERVATION_LEVELS),
  statusMessage: z.string().nullable(),
  version: z.string().nullable(),
  environment: z.string(),
  model: z.string().nullable(),
  modelParameters: z.record(z.string(), z.unknown()).nullable(),
  promptName: z.string().nullable(),
  promptVersion: z.number().nullable(),
  usageDetails: ZNumberMap,
  costDetails: ZNumberMap,
  inputTokens: z.number().nullable(),
  outputTokens: z.number().nullable(),
  totalTokens: z.number().nullable(),
  totalCost: z.number().nullable(),
  matchedModelId: z.string().nullable(),
  pricingTierName: z.string().nullable(),
});
export type TObservationSummary = z.infer<typeof ZObservationSummary>;

export const ZScoreSummary = z.object({
  id: z.string(),
  name: z.string(),
  value: z.number().nullable(),
  stringValue: z.string().nullable(),
  dataType: z.string(),
  source: z.string(),
  observationId: z.string().nullable(),
  comment: z.string().nullable(),
  authorUserId: z.string().nullable(),
  /** Name or email of the person who annotated (source ANNOTATION); null for SDK/eval scores. */
  authorName: z.string().nullable(),
  timestamp: z.string(),
});
export type TScoreSummary = z.infer<typeof ZScoreSummary>;

export const ZTraceDetailResponse = z.object({
  id: z.string(),
  name: z.string().nullable(),
  timestamp: z.string(),
  userId: z.string().nullable(),
  sessionId: z.string().nullable(),
  input: z.unknown(),
  output: z.unknown(),
  metadata: z.record(z.string(), z.unknown()),
  tags: z.array(z.string()),
  release: z.string().nullable(),
  version: z.string().nullable(),
  environment: z.string(),
  public: z.boolean(),
  /** Shared without its user id and session id (they are null on the shared route). */
  shareHidesIdentity: z.boolean(),
  bookmarked: z.boolean(),
  latencyMs: z.number().nullable(),
  totalCost: z.number().nullable(),
  totalTokens: z.number().nullable(),
  observations: z.array(ZObservationSummary),
  scores: z.array(ZScoreSummary),
});
export type TTraceDetailResponse = z.infer<typeof ZTraceDetailResponse>;

/** Longest query the search inside a trace takes. */
export const TRACE_SEARCH_MAX_CHARS = 200;

/** GET …/traces/:traceId/search?q=: observations whose input or output contains q (case-insensitive). */
export const ZTraceSearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, "q is the text to search for")
    .max(TRACE_SEARCH_MAX_CHARS, `q is at most ${TRACE_SEARCH_MAX_CHARS} characters`),
});
export const ZTraceSearchResponse = z.object({
  /** The trace's own input or output matches. */
  trace: z.boolean(),
  observationIds: z.array(z.string()),
  /** More observations match than were returned (the limit). */
  truncated: z.boolean(),
});
export type TTraceSearchResponse = z.infer<typeof ZTraceSearchResponse>;

export const ZObservationPayloadResponse = z.object({
  id: z.string(),
  input: z.unknown(),
  output: z.unknown(),
  metadata: z.record(z.string(), z.unknown()),
});
export type TObservationPayloadResponse = z.infer<typeof ZObservationPayloadResponse>;

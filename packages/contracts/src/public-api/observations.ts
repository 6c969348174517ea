import { z } from "zod";
import { OBSERVATION_LEVELS, OBSERVATION_TYPES } from "../common/observation-types.ts";
import { ZQueryFilter } from "../common/filter.ts";
import { ZPageMeta, ZPageQuery } from "../common/pagination.ts";
import { ZQueryArray, ZQueryBoolean, ZQueryString, ZQueryTimestamp, zFieldGroups, zQueryEnum } from "../common/query.ts";

// /api/public/observations (v1, offset pages) and /api/public/v2/observations (cursor pages, field
// groups) — langfuse-api.md §5.2.

const ZObservationFilters = z.object({
  name: ZQueryString,
  userId: ZQueryString,
  type: zQueryEnum(OBSERVATION_TYPES),
  traceId: ZQueryString,
  level: zQueryEnum(OBSERVATION_LEVELS),
  parentObservationId: ZQueryString,
  environment: ZQueryArray,
  fromStartTime: ZQueryTimestamp,
  toStartTime: ZQueryTimestamp,
  version: ZQueryString,
  /** JSON filter conditions; they replace the simple parameters of the same column. */
  filter: ZQueryFilter,
});
export type TObservationFilters = z.infer<typeof ZObservationFilters>;

export const ZObservationsQuery = ZPageQuery.extend(ZObservationFilters.shape);
export type TObservationsQuery = z.infer<typeof ZObservationsQuery>;

export const ZObservationParams = z.object({ observationId: z.string().min(1) });

const ZNumberMap = z.record(z.string(), z.number());

/** The v1 "ObservationsView". */
export const ZObservationView = z.object({
  id: z.string(),
  projectId: z.string(),
  traceId: z.string().nullable(),
  parentObservationId: z.string().nullable(),
  type: z.string(),
  name: z.string().nullable(),
  environment: z.string(),
  startTime: z.string(),
  endTime: z.string().nullable(),
  completionStartTime: z.string().nullable(),
  version: z.string().nullable(),
  level: z.string(),
  statusMessage: z.string().nullable(),
  input: z.unknown(),
  output: z.unknown(),
  metadata: z.unknown(),
  model: z.string().nullable(),
  modelParameters: z.unknown(),
  promptId: z.string().nullable(),
  promptName: z.string().nullable(),
  promptVersion: z.number().int().nullable(),
  usageDetails: ZNumberMap,
  costDetails: ZNumberMap,
  usage: z.object({ unit: z.string(), input: z.number(), output: z.number(), total: z.number() }),
  unit: z.string(),
  promptTokens: z.number(),
  completionTokens: z.number(),
  totalTokens: z.number(),
  modelId: z.string().nullable(),
  inputPrice: z.number().nullable(),
  outputPrice: z.number().nullable(),
  totalPrice: z.number().nullable(),
  calculatedInputCost: z.number().nullable(),
  calculatedOutputCost: z.number().nullable(),
  calculatedTotalCost: z.number().nullable(),
  latency: z.number().nullable(),
  timeToFirstToken: z.number().nullable(),
  usagePricingTierName: z.string().nullable(),
  usagePricingTierId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TObservationView = z.infer<typeof ZObservationView>;

export const ZObservationsResponse = z.object({ data: z.array(ZObservationView), meta: ZPageMeta });
export type TObservationsResponse = z.infer<typeof ZObservationsResponse>;

export const OBSERVATION_V2_FIELD_GROUPS = [
  "core",
  "basic",
  "time",
  "io",
  "metadata",
  "model",
  "usage",
  "prompt",
  "metrics",
  "trace_context",
] as const;
export type ObservationV2FieldGroup = (typeof OBSERVATION_V2_FIELD_GROUPS)[number];

export const ZObservationsV2Query = ZObservationFilters.extend({
  limit: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(1000).default(50)),
  cursor: ZQueryString,
  fields: zFieldGroups(OBSERVATION_V2_FIELD_GROUPS, ["core", "basic"]),
  expandMetadata: ZQueryString,
  parseIoAsJson: ZQueryBoolean.refine((v) => v !== true, "parseIoAsJson is not supported; parse input/output on the client"),
  sessionId: ZQueryString,
  isRootObservation: ZQueryBoolean,
  /** v2: an empty value (`?parentObservationId=`) selects observations without a parent (null). */
  parentObservationId: z.preprocess((v) => (v === "" ? null : v), z.string().max(2000).nullable().optional()),
});
export type TObservationsV2Query = z.infer<typeof ZObservationsV2Query>;

/** Core fields are always present; the other groups only when requested. */
export const ZObservationV2 = z.object({
  id: z.string(),
  traceId: z.string().nullable(),
  startTime: z.string(),
  endTime: z.string().nullable(),
  projectId: z.string(),
  parentObservationId: z.string().nullable(),
  type: z.string(),
  // basic
  name: z.string().nullable().optional(),
  level: z.string().optional(),
  statusMessage: z.string().nullable().optional(),
  version: z.string().nullable().optional(),
  environment: z.string().nullable().optional(),
  bookmarked: z.boolean().optional(),
  public: z.boolean().optional(),
  userId: z.string().nullable().optional(),
  sessionId: z.string().nullable().optional(),
  isRootObservation: z.boolean().optional(),
  // time
  completionStartTime: z.string().nullable().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  // io / metadata
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  metadata: z.unknown().optional(),
  // model
  model: z.string().nullable().optional(),
  providedModelName: z.string().nullable().optional(),
  internalModelId: z.string().nullable().optional(),
  modelParameters: z.unknown().optional(),
  // usage
  usageDetails: ZNumberMap.optional(),
  costDetails: ZNumberMap.optional(),
  totalCost: z.number().nullable().optional(),
  usagePricingTierName: z.string().nullable().optional(),
  // prompt
  promptId: z.string().nullable().optional(),
  promptName: z.string().nullable().optional(),
  promptVersion: z.number().int().nullable().optional(),
  // metrics
  latency: z.number().nullable().optional(),
  timeToFirstToken: z.number().nullable().optional(),
  // trace_context
  traceName: z.string().nullable().optional(),
  tags: z.array(z.string()).optional(),
  release: z.string().nullable().optional(),
  // always present, null unless the model group is requested
  modelId: z.string().nullable(),
  inputPrice: z.string().nullable(),
  outputPrice: z.string().nullable(),
  totalPrice: z.string().nullable(),
});
export type TObservationV2 = z.infer<typeof ZObservationV2>;

export const ZObservationsV2Response = z.object({ data: z.array(ZObservationV2), meta: z.object({ cursor: z.string().optional() }) });
export type TObservationsV2Response = z.infer<typeof ZObservationsV2Response>;

import { z } from "zod";
import { ZQueryFilter } from "../common/filter.ts";
import { ZPageMeta, ZPageQuery } from "../common/pagination.ts";
import { ZQueryArray, ZQueryCsv, ZQueryString, ZQueryTimestamp, zFieldGroups, zQueryEnum } from "../common/query.ts";
import { SCORE_DATA_TYPES, SCORE_SOURCES, ZScoreBody } from "../ingestion/events.ts";

// /api/public/scores (create, delete) and /api/public/v2/scores (read) — langfuse-api.md §5.4.

/** The score-create ingestion body; the public endpoint does not accept EVAL scores. */
export const ZCreateScoreBody = ZScoreBody.refine((s) => s.source !== "EVAL", {
  message: "source must be API or ANNOTATION",
  path: ["source"],
});
export type TCreateScoreBody = z.infer<typeof ZCreateScoreBody>;

export const ZCreateScoreResponse = z.object({ id: z.string() });
export type TCreateScoreResponse = z.infer<typeof ZCreateScoreResponse>;

export const ZScoreParams = z.object({ scoreId: z.string().min(1) });

export const SCORE_FIELD_GROUPS = ["score", "trace"] as const;

const ZScoresQueryShape = ZPageQuery.extend({
  userId: ZQueryString,
  name: ZQueryString,
  fromTimestamp: ZQueryTimestamp,
  toTimestamp: ZQueryTimestamp,
  environment: ZQueryArray,
  source: zQueryEnum(SCORE_SOURCES),
  operator: zQueryEnum([">", "<", ">=", "<=", "=", "!=", "<>"]),
  value: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().finite().optional()),
  scoreIds: ZQueryCsv,
  configId: ZQueryString,
  sessionId: ZQueryString,
  datasetRunId: ZQueryString,
  traceId: ZQueryString,
  observationId: ZQueryCsv,
  queueId: ZQueryString,
  dataType: zQueryEnum(SCORE_DATA_TYPES),
  traceTags: ZQueryArray,
  fields: zFieldGroups(SCORE_FIELD_GROUPS),
  /** JSON filter conditions; they replace the simple parameters of the same column. */
  filter: ZQueryFilter,
});

const operatorWithValue = <T extends { operator?: string; value?: number }>(q: T) => (q.operator === undefined) === (q.value === undefined);
const operatorWithValueIssue = { message: "operator and value must be given together", path: ["operator"] };

/** GET /api/public/v2/scores. Filtering on trace properties needs the trace join, like Langfuse (400 otherwise). */
export const ZScoresQuery = ZScoresQueryShape.refine(operatorWithValue, operatorWithValueIssue).refine(
  (q) => q.fields.has("trace") || (q.userId === undefined && q.traceTags === undefined),
  { message: "filtering by userId or traceTags needs the 'trace' field group in fields", path: ["fields"] },
);
export type TScoresQuery = z.infer<typeof ZScoresQuery>;

/** GET /api/public/scores (v1, deprecated): trace scores only, without the session/dataset-run filters. */
export const ZScoresV1Query = ZScoresQueryShape.omit({ sessionId: true, datasetRunId: true, fields: true }).refine(
  operatorWithValue,
  operatorWithValueIssue,
);
export type TScoresV1Query = z.infer<typeof ZScoresV1Query>;

/** A score as the read endpoints return it (v1 scores inside traces carry the same fields). */
export const ZPublicScore = z.object({
  id: z.string(),
  traceId: z.string().nullable(),
  sessionId: z.string().nullable(),
  observationId: z.string().nullable(),
  datasetRunId: z.string().nullable(),
  name: z.string(),
  source: z.enum(SCORE_SOURCES),
  timestamp: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  authorUserId: z.string().nullable(),
  comment: z.string().nullable(),
  metadata: z.unknown(),
  configId: z.string().nullable(),
  queueId: z.string().nullable(),
  environment: z.string(),
  dataType: z.enum(SCORE_DATA_TYPES),
  /** NUMERIC value, BOOLEAN 1/0, CATEGORICAL mapped number (0 without a config); absent for TEXT. */
  value: z.number().optional(),
  /** BOOLEAN "True"/"False", CATEGORICAL label, TEXT content; absent for NUMERIC. */
  stringValue: z.string().optional(),
  trace: z
    .object({
      userId: z.string().nullable(),
      tags: z.array(z.string()),
      environment: z.string().nullable(),
      sessionId: z.string().nullable(),
    })
    .nullable()
    .optional(),
});
export type TPublicScore = z.infer<typeof ZPublicScore>;

export const ZScoresResponse = z.object({ data: z.array(ZPublicScore), meta: ZPageMeta });
export type TScoresResponse = z.infer<typeof ZScoresResponse>;

export const ZMessageResponse = z.object({ message: z.string() });
export type TMessageResponse = z.infer<typeof ZMessageResponse>;

import { z } from "zod";
import { ZQueryCsv, ZQueryTimestamp } from "../common/query.ts";
import { SCORE_DATA_TYPES, SCORE_SOURCES } from "../ingestion/events.ts";

// GET /api/public/v3/scores — Langfuse's OpenAPI (ScoresV3): a polymorphic `value`, field groups, a cursor.

export const SCORE_V3_FIELD_GROUPS = ["details", "subject", "annotation"] as const;
export type ScoreV3FieldGroup = (typeof SCORE_V3_FIELD_GROUPS)[number];

const upperList = <const T extends readonly [string, ...string[]]>(values: T, name: string) =>
  ZQueryCsv.transform((list, ctx) => {
    if (!list) return undefined;
    const upper = list.map((v) => v.toUpperCase());
    const unknown = upper.filter((v) => !(values as readonly string[]).includes(v));
    if (unknown.length > 0) ctx.addIssue({ code: "custom", message: `unknown ${name} ${unknown.join(", ")}; one of ${values.join(", ")}` });
    return upper as T[number][];
  });

const optionalNumber = z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().finite().optional());

export const ZScoresV3Query = z
  .object({
    limit: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(100, "limit is at most 100").default(50)),
    cursor: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(500).optional()),
    fields: ZQueryCsv.transform((list, ctx) => {
      const unknown = (list ?? []).filter((f) => !(SCORE_V3_FIELD_GROUPS as readonly string[]).includes(f));
      if (unknown.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `unknown field group ${unknown.join(", ")}; allowed: ${SCORE_V3_FIELD_GROUPS.join(", ")}`,
        });
      }
      return new Set((list ?? []) as ScoreV3FieldGroup[]);
    }),
    id: ZQueryCsv,
    name: ZQueryCsv,
    source: upperList(SCORE_SOURCES, "source"),
    dataType: upperList(SCORE_DATA_TYPES, "dataType"),
    environment: ZQueryCsv,
    configId: ZQueryCsv,
    queueId: ZQueryCsv,
    authorUserId: ZQueryCsv,
    value: ZQueryCsv,
    valueMin: optionalNumber,
    valueMax: optionalNumber,
    traceId: ZQueryCsv,
    sessionId: ZQueryCsv,
    observationId: ZQueryCsv,
    experimentId: ZQueryCsv,
    fromTimestamp: ZQueryTimestamp,
    toTimestamp: ZQueryTimestamp,
  })
  .superRefine((q, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    const single = q.dataType?.length === 1 ? q.dataType[0] : undefined;
    if (q.value && !(single === "NUMERIC" || single === "BOOLEAN" || single === "CATEGORICAL")) {
      issue("value", "value needs a single dataType of NUMERIC, BOOLEAN or CATEGORICAL");
    }
    if (single === "BOOLEAN" && q.value?.some((v) => v !== "true" && v !== "false")) issue("value", "BOOLEAN values are true or false");
    if (single === "NUMERIC" && q.value?.some((v) => !Number.isFinite(Number(v)))) issue("value", "NUMERIC values are finite numbers");
    if ((q.valueMin !== undefined || q.valueMax !== undefined) && single !== "NUMERIC") {
      issue("valueMin", "valueMin/valueMax need dataType=NUMERIC as a single value");
    }
    if (q.observationId && !q.traceId) issue("observationId", "observationId needs traceId (observation ids are scoped to a trace)");
    const subjects = [
      q.traceId || q.observationId ? "traceId/observationId" : null,
      q.sessionId ? "sessionId" : null,
      q.experimentId ? "experimentId" : null,
    ];
    if (subjects.filter(Boolean).length > 1) issue("traceId", `${subjects.filter(Boolean).join(", ")} are mutually exclusive`);
  });
export type TScoresV3Query = z.infer<typeof ZScoresV3Query>;

const ZSubject = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("trace"), id: z.string() }),
  z.object({ kind: z.literal("observation"), id: z.string(), traceId: z.string().nullable() }),
  z.object({ kind: z.literal("session"), id: z.string() }),
  z.object({ kind: z.literal("experiment"), id: z.string() }),
]);

const base = {
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  source: z.enum(SCORE_SOURCES),
  timestamp: z.string(),
  environment: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  comment: z.string().nullable().optional(),
  configId: z.string().nullable().optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  authorUserId: z.string().nullable().optional(),
  queueId: z.string().nullable().optional(),
  subject: ZSubject.nullable().optional(),
};

export const ZScoreV3 = z.discriminatedUnion("dataType", [
  z.object({ ...base, dataType: z.literal("NUMERIC"), value: z.number() }),
  z.object({ ...base, dataType: z.literal("BOOLEAN"), value: z.boolean() }),
  z.object({ ...base, dataType: z.literal("CATEGORICAL"), value: z.string() }),
  z.object({ ...base, dataType: z.literal("TEXT"), value: z.string() }),
  z.object({ ...base, dataType: z.literal("CORRECTION"), value: z.string() }),
]);
export type TScoreV3 = z.infer<typeof ZScoreV3>;

export const ZScoresV3Response = z.object({
  data: z.array(ZScoreV3),
  meta: z.object({ limit: z.number().int(), cursor: z.string().nullable().optional() }),
});
export type TScoresV3Response = z.infer<typeof ZScoresV3Response>;

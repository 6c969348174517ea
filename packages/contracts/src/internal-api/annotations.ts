import { z } from "zod";

// Trace-detail writes of the UI: scores added by hand (source ANNOTATION) and public sharing.

export const ANNOTATION_SCORE_TYPES = ["NUMERIC", "CATEGORICAL", "BOOLEAN"] as const;

/** POST /api/internal/projects/:projectId/scores. The value's shape is checked against dataType (and the config, server-side). */
export const ZCreateAnnotationScoreBody = z
  .object({
    traceId: z.string().min(1),
    observationId: z.string().min(1).nullish(),
    name: z.string().trim().min(1, "Name is required").max(200),
    dataType: z.enum(ANNOTATION_SCORE_TYPES),
    value: z.union([z.number().finite(), z.string().min(1)]),
    configId: z.string().min(1).nullish(),
    comment: z.string().max(5000).nullish(),
  })
  .refine((s) => (s.dataType === "CATEGORICAL" ? typeof s.value === "string" : typeof s.value === "number"), {
    message: "value does not fit dataType (NUMERIC: a number, BOOLEAN: 0 or 1, CATEGORICAL: a label)",
    path: ["value"],
  })
  .refine((s) => s.dataType !== "BOOLEAN" || s.value === 0 || s.value === 1, { message: "a boolean score is 0 or 1", path: ["value"] });
export type TCreateAnnotationScoreBody = z.infer<typeof ZCreateAnnotationScoreBody>;

export const ZCreateAnnotationScoreResponse = z.object({ id: z.string() });

export const ZScoreConfigItem = z.object({
  id: z.string(),
  name: z.string(),
  dataType: z.enum(["NUMERIC", "CATEGORICAL", "BOOLEAN", "TEXT"]),
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  categories: z.array(z.object({ label: z.string(), value: z.number() })).nullable(),
  description: z.string().nullable(),
  isArchived: z.boolean(),
});
export type TScoreConfigItem = z.infer<typeof ZScoreConfigItem>;
export const ZScoreConfigListResponse = z.object({ data: z.array(ZScoreConfigItem) });
/** GET …/score-configs?archived=include: the settings page lists archived configs too; forms only active ones. */
export const ZScoreConfigListQuery = z.object({
  archived: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["include"]).optional()),
});

/**
 * PATCH /api/internal/projects/:projectId/traces/:traceId. `hideIdentity`: the shared page leaves out
 * the trace's user id and session id (left out: unchanged).
 */
export const ZTraceSharingBody = z.object({ public: z.boolean(), hideIdentity: z.boolean().optional() });
export const ZTraceSharingResponse = z.object({ id: z.string(), public: z.boolean(), hideIdentity: z.boolean() });
export type TTraceSharingResponse = z.infer<typeof ZTraceSharingResponse>;

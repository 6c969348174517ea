import { z } from "zod";
import { OBSERVATION_TYPES } from "../common/observation-types.ts";

// LLM-as-a-judge: evaluators (versioned prompt + judge + output definition), rules (what to score and
// how variables are filled) and the execution log. The output definition is Langfuse's public shape, so
// the unstable public API and the UI share it.

/** The environment judge calls are traced in; rules never match traces of it (a judge must not judge itself). */
export const EVALUATION_ENVIRONMENT = "loupe-evaluation";

const description = z.string().trim().min(1, "describe what the judge should return").max(2000);

export const ZEvalOutputDefinition = z.discriminatedUnion("dataType", [
  z
    .object({
      dataType: z.literal("NUMERIC"),
      reasoning: z.object({ description }),
      score: z.object({
        description,
        minValue: z.number().finite().nullable().optional(),
        maxValue: z.number().finite().nullable().optional(),
      }),
    })
    .refine((d) => d.score.minValue == null || d.score.maxValue == null || d.score.minValue <= d.score.maxValue, {
      path: ["score", "maxValue"],
      message: "maxValue must not be below minValue",
    }),
  z.object({ dataType: z.literal("BOOLEAN"), reasoning: z.object({ description }), score: z.object({ description }) }),
  z.object({
    dataType: z.literal("CATEGORICAL"),
    reasoning: z.object({ description }),
    score: z.object({
      description,
      categories: z
        .array(z.string().trim().min(1).max(100))
        .min(2, "give at least two categories")
        .max(50)
        .refine((c) => new Set(c).size === c.length, "categories must be distinct"),
      shouldAllowMultipleMatches: z.boolean().default(false),
    }),
  }),
]);
export type TEvalOutputDefinition = z.infer<typeof ZEvalOutputDefinition>;

export const EVALUATOR_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}$/;
export const ZEvaluatorName = z
  .string()
  .trim()
  .regex(EVALUATOR_NAME, "names are 1-100 letters, digits, spaces, _ . or -, starting with a letter or digit");

/** A new evaluator version (a new name starts at version 1). */
export const ZEvaluatorBody = z.object({
  name: ZEvaluatorName,
  prompt: z.string().trim().min(1, "write the judge prompt").max(50_000),
  outputDefinition: ZEvalOutputDefinition,
  connectionId: z.string().min(1, "pick the judge's LLM connection"),
  model: z.string().trim().min(1, "pick the judge model").max(200),
  libraryKey: z.string().max(100).nullable().optional(),
});
export type TEvaluatorBody = z.infer<typeof ZEvaluatorBody>;

export const ZEvaluator = z.object({
  /** This version's id (scores name it). */
  id: z.string(),
  /** The family id, stable across versions. */
  evaluatorId: z.string(),
  name: z.string(),
  version: z.number().int(),
  prompt: z.string(),
  variables: z.array(z.string()),
  outputDefinition: ZEvalOutputDefinition,
  connectionId: z.string().nullable(),
  model: z.string().nullable(),
  libraryKey: z.string().nullable(),
  ruleCount: z.number().int(),
  createdAt: z.string(),
});
export type TEvaluator = z.infer<typeof ZEvaluator>;
export const ZEvaluatorListResponse = z.object({ data: z.array(ZEvaluator) });
export type TEvaluatorListResponse = z.infer<typeof ZEvaluatorListResponse>;

/** A shipped template: copied into a project as version 1 of a new evaluator. */
export const ZLibraryTemplate = z.object({
  key: z.string(),
  name: z.string(),
  summary: z.string(),
  prompt: z.string(),
  variables: z.array(z.string()),
  outputDefinition: ZEvalOutputDefinition,
});
export type TLibraryTemplate = z.infer<typeof ZLibraryTemplate>;

export const EVAL_TARGETS = ["trace", "observation"] as const;
export type EvalTarget = (typeof EVAL_TARGETS)[number];
export const MAPPING_SOURCES = ["input", "output", "metadata"] as const;
export type MappingSource = (typeof MAPPING_SOURCES)[number];
export const JSON_PATH_MAX = 200;

/** Fills one prompt variable from the target trace, or from a named observation of its trace. */
export const ZVariableMapping = z.object({
  variable: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a variable name as it appears in {{ }}"),
  object: z.enum(EVAL_TARGETS),
  /** With object "observation": the observation's name (the newest of that name); empty = the target observation itself. */
  objectName: z.string().trim().max(200).nullable().optional(),
  source: z.enum(MAPPING_SOURCES),
  jsonPath: z
    .string()
    .trim()
    .max(JSON_PATH_MAX, `JSONPath is at most ${JSON_PATH_MAX} characters`)
    .refine((p) => p === "" || p.startsWith("$"), "JSONPath starts with $")
    .nullable()
    .optional(),
});
export type TVariableMapping = z.infer<typeof ZVariableMapping>;

/** The table filter keys a rule stores (raw strings, as in the tables' URLs). */
const ZRuleFilter = z.record(z.string().max(100), z.string().max(200)).refine((f) => Object.keys(f).length <= 30, "at most 30 filters");

export const ZEvalRuleBody = z
  .object({
    name: ZEvaluatorName,
    evaluatorId: z.string().min(1, "pick an evaluator"),
    target: z.enum(EVAL_TARGETS),
    /** With target "observation": which observation type is scored (the filter may narrow by name etc.). */
    observationType: z.enum(OBSERVATION_TYPES).nullable().optional(),
    filter: ZRuleFilter.default({}),
    mapping: z.array(ZVariableMapping).max(50),
    /** Fraction of matching targets evaluated: (0, 1]. */
    sampling: z.number().gt(0, "sampling must be above 0").max(1, "sampling is at most 1 (100 %)").default(1),
    /** Wait this long after the data arrives, so late spans are in. */
    delaySeconds: z.number().int().min(0).max(86_400).default(0),
    runOnNew: z.boolean().default(true),
    backfill: z
      .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
      .nullable()
      .optional(),
    enabled: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.backfill && Date.parse(v.backfill.from) > Date.parse(v.backfill.to))
      ctx.addIssue({ code: "custom", path: ["backfill", "to"], message: "the backfill must end after it starts" });
    if (!v.runOnNew && !v.backfill)
      ctx.addIssue({ code: "custom", path: ["runOnNew"], message: "a rule runs on new data, backfills a time range, or both" });
  });
export type TEvalRuleBody = z.infer<typeof ZEvalRuleBody>;

export const RULE_STATUSES = ["active", "inactive", "paused"] as const;
export const EXECUTION_STATUSES = ["PENDING", "DONE", "FAILED", "SKIPPED"] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export const ZEvalRule = z.object({
  id: z.string(),
  name: z.string(),
  evaluatorId: z.string(),
  evaluatorName: z.string().nullable(),
  target: z.enum(EVAL_TARGETS),
  observationType: z.enum(OBSERVATION_TYPES).nullable(),
  filter: z.record(z.string(), z.string()),
  mapping: z.array(ZVariableMapping),
  sampling: z.number(),
  delaySeconds: z.number().int(),
  runOnNew: z.boolean(),
  backfill: z.object({ from: z.string(), to: z.string() }).nullable(),
  enabled: z.boolean(),
  status: z.enum(RULE_STATUSES),
  pausedReason: z.string().nullable(),
  pausedMessage: z.string().nullable(),
  counts: z.record(z.enum(EXECUTION_STATUSES), z.number().int()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TEvalRule = z.infer<typeof ZEvalRule>;
export const ZEvalRuleListResponse = z.object({ data: z.array(ZEvalRule) });
export type TEvalRuleListResponse = z.infer<typeof ZEvalRuleListResponse>;

export const ZRuleStateBody = z.object({ enabled: z.boolean() });

export const ZEvalExecution = z.object({
  id: z.string(),
  status: z.enum(EXECUTION_STATUSES),
  targetType: z.enum(EVAL_TARGETS),
  targetId: z.string(),
  traceId: z.string(),
  evaluatorVersionId: z.string().nullable(),
  value: z.number().nullable(),
  stringValue: z.string().nullable(),
  reasoning: z.string().nullable(),
  error: z.string().nullable(),
  attempts: z.number().int(),
  scoreId: z.string().nullable(),
  judgeTraceId: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TEvalExecution = z.infer<typeof ZEvalExecution>;
export const ZEvalExecutionsQuery = z.object({
  status: z.preprocess((v) => (v === "" ? undefined : v), z.enum(EXECUTION_STATUSES).optional()),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const ZEvalExecutionsResponse = z.object({
  data: z.array(ZEvalExecution),
  total: z.number().int(),
  /** Scores per day of this rule (numeric: the average; others: the count of each label). */
  daily: z.array(z.object({ day: z.string(), count: z.number().int(), average: z.number().nullable() })),
});
export type TEvalExecutionsResponse = z.infer<typeof ZEvalExecutionsResponse>;

/** The live preview of a mapping on a real recent trace (or the one named). */
export const ZMappingPreviewBody = z.object({
  target: z.enum(EVAL_TARGETS),
  observationType: z.enum(OBSERVATION_TYPES).nullable().optional(),
  filter: ZRuleFilter.default({}),
  mapping: z.array(ZVariableMapping).max(50),
  traceId: z.string().max(200).nullable().optional(),
  evaluatorId: z.string().nullable().optional(),
});
export type TMappingPreviewBody = z.infer<typeof ZMappingPreviewBody>;
export const ZMappingPreviewResponse = z.object({
  /** null: nothing matched the filter yet. */
  traceId: z.string().nullable(),
  targetId: z.string().nullable(),
  values: z.array(z.object({ variable: z.string(), value: z.string().nullable(), problem: z.string().nullable() })),
  /** The judge prompt with the values filled in, when an evaluator was named. */
  prompt: z.string().nullable(),
});
export type TMappingPreviewResponse = z.infer<typeof ZMappingPreviewResponse>;

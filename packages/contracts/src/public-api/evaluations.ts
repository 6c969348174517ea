import { z } from "zod";
import { OBSERVATION_TYPES } from "../common/observation-types.ts";
import { ZPageMeta, ZPageQuery } from "../common/pagination.ts";
import { ZEvalOutputDefinition, ZEvaluatorName } from "../internal-api/evaluations.ts";

// Langfuse's unstable evaluator and evaluation-rule API (web/public/generated/api/openapi.yml:
// /api/public/unstable/evaluators…, /api/public/unstable/evaluation-rules…) on Loupe's model.
// Writable rules target `observation`; Loupe's trace rules read back as Langfuse's legacy `trace` rules.

export const ZUnstablePageQuery = ZPageQuery;

export const ZUnstableModelConfig = z.object({ provider: z.string().min(1).max(200), model: z.string().min(1).max(200) });

export const ZUnstableMapping = z.object({
  variable: z.string().min(1).max(100),
  source: z.enum(["input", "output", "metadata", "tool_calls", "expected_output", "experiment_item_metadata"]),
  jsonPath: z.string().max(1000).nullish(),
});
export const ZUnstableReadMapping = ZUnstableMapping.extend({ source: ZUnstableMapping.shape.source.nullable() });

export const ZUnstableCreateEvaluatorBody = z.object({
  type: z.literal("llm_as_judge").default("llm_as_judge"),
  name: ZEvaluatorName,
  prompt: z.string().trim().min(1).max(50_000),
  outputDefinition: ZEvalOutputDefinition,
  modelConfig: ZUnstableModelConfig.nullish(),
  mapping: z.array(ZUnstableMapping).max(50).nullish(),
});
export type TUnstableCreateEvaluatorBody = z.infer<typeof ZUnstableCreateEvaluatorBody>;

export const ZUnstableEvaluator = z.object({
  type: z.literal("llm_as_judge"),
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  variables: z.array(z.string()),
  mapping: z.array(ZUnstableReadMapping).nullable(),
  evaluationRuleCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  prompt: z.string(),
  outputDefinition: ZEvalOutputDefinition,
  modelConfig: ZUnstableModelConfig.nullable(),
});
export type TUnstableEvaluator = z.infer<typeof ZUnstableEvaluator>;
export const ZUnstableEvaluators = z.object({ data: z.array(ZUnstableEvaluator), meta: ZPageMeta });
export const ZUnstableDeleteResponse = z.object({ message: z.string() });

/** The filter conditions Loupe's rules can hold (the columns of the observations table's filters). */
export const ZUnstableRuleFilter = z.discriminatedUnion("type", [
  z.object({ type: z.literal("string"), column: z.string().max(100), operator: z.string().max(30), value: z.string().max(200) }),
  z.object({
    type: z.literal("stringOptions"),
    column: z.string().max(100),
    operator: z.string().max(30),
    value: z.array(z.string().max(200)).max(50),
  }),
  z.object({ type: z.literal("number"), column: z.string().max(100), operator: z.string().max(30), value: z.number().finite() }),
]);
export type TUnstableRuleFilter = z.infer<typeof ZUnstableRuleFilter>;

const ZEvaluatorRef = z.object({ name: z.string().min(1).max(100), type: z.literal("llm_as_judge").nullish() });

export const ZUnstableCreateRuleBody = z
  .object({
    name: ZEvaluatorName,
    evaluator: ZEvaluatorRef.optional(),
    evaluators: z
      .array(z.object({ evaluator: ZEvaluatorRef, mapping: z.array(ZUnstableMapping).max(50).nullish() }))
      .max(1, "Loupe rules have one evaluator")
      .optional(),
    target: z.enum(["observation", "experiment"]),
    enabled: z.boolean(),
    sampling: z.number().gt(0).max(1).nullish(),
    filter: z.array(ZUnstableRuleFilter).max(30).nullish(),
    mapping: z.array(ZUnstableMapping).max(50).nullish(),
  })
  .superRefine((v, ctx) => {
    if (!!v.evaluator === !!v.evaluators)
      ctx.addIssue({ code: "custom", path: ["evaluator"], message: "provide either evaluator or evaluators, never both" });
  });
export type TUnstableCreateRuleBody = z.infer<typeof ZUnstableCreateRuleBody>;

export const ZUnstableUpdateRuleBody = z.object({
  name: ZEvaluatorName.optional(),
  evaluator: z.object({ name: z.string().min(1).max(100) }).optional(),
  target: z.enum(["observation", "experiment"]).optional(),
  enabled: z.boolean().optional(),
  sampling: z.number().gt(0).max(1).optional(),
  filter: z.array(ZUnstableRuleFilter).max(30).optional(),
  mapping: z.array(ZUnstableMapping).max(50).optional(),
});
export type TUnstableUpdateRuleBody = z.infer<typeof ZUnstableUpdateRuleBody>;

const ZRuleEvaluator = z.object({ id: z.string(), name: z.string(), type: z.literal("llm_as_judge") });
const ZRuleBase = z.object({
  id: z.string(),
  name: z.string(),
  evaluator: ZRuleEvaluator.nullable(),
  enabled: z.boolean(),
  status: z.enum(["active", "inactive", "paused"]),
  pausedReason: z.string().nullable(),
  pausedMessage: z.string().nullable(),
  sampling: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ZUnstableRule = ZRuleBase.extend({
  evaluators: z.array(z.object({ evaluator: ZRuleEvaluator, mapping: z.array(ZUnstableReadMapping).nullable() })),
  target: z.literal("observation"),
  filter: z.array(ZUnstableRuleFilter),
  mapping: z.array(ZUnstableReadMapping),
});
const ZLegacyMapping = z.object({
  variable: z.string(),
  langfuseObject: z.enum(["trace", ...OBSERVATION_TYPES.map((t) => t.toLowerCase() as Lowercase<typeof t>)]),
  objectName: z.string().nullable(),
  source: z.string(),
  jsonPath: z.string().nullable(),
});
export const ZUnstableLegacyRule = ZRuleBase.extend({
  evaluators: z.array(z.object({ evaluator: ZRuleEvaluator, mapping: z.array(ZLegacyMapping).nullable() })),
  target: z.literal("trace"),
  delay: z.number().int(),
  timeScope: z.array(z.enum(["NEW", "EXISTING"])),
  filter: z.array(ZUnstableRuleFilter),
  mapping: z.array(ZLegacyMapping),
});
export const ZUnstableReadableRule = z.union([ZUnstableRule, ZUnstableLegacyRule]);
export type TUnstableReadableRule = z.infer<typeof ZUnstableReadableRule>;
export const ZUnstableRules = z.object({ data: z.array(ZUnstableReadableRule), meta: ZPageMeta });

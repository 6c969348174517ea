/**
 * Model definitions (langfuse-api.md §8.1) in Loupe's own shape: a model name regex, optional start date and
 * a list of pricing tiers whose prices are USD per unit keyed by usage key (canonical keys from
 * usage/canonical-usage.ts for built-ins; project models may use any key, Langfuse-style synonyms are
 * understood by calculateCost).
 */
import { z } from "zod";
import { CANONICAL_USAGE_KEYS } from "../usage/canonical-usage.ts";
import { compileModelPattern } from "./match-model.ts";

export const COMPARISON_OPERATORS = ["gt", "gte", "lt", "lte", "eq", "neq"] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** A Postgres-syntax pattern that RE2 can run; the message says why not (invalid, or lookaround/backreferences). */
const regexString = (what: string) =>
  z
    .string()
    .min(1)
    .superRefine((pattern, ctx) => {
      const compiled = compileModelPattern(pattern);
      if (!compiled.ok) ctx.addIssue({ code: "custom", message: `${what} ${compiled.reason}` });
    });

/** Sum of the usage values whose keys match `usageDetailPattern`, compared with `value`. */
export const UsageThresholdConditionSchema = z.object({
  usageDetailPattern: regexString("usageDetailPattern"),
  operator: z.enum(COMPARISON_OPERATORS),
  value: z.number().finite(),
  caseSensitive: z.boolean().default(false),
});

/** `modelParameters[key]` / `metadata[key]` (stringified) is one of `values`. */
export const ContextConditionSchema = z.object({
  source: z.enum(["model_parameters", "metadata"]),
  key: z.string().min(1),
  operator: z.literal("in"),
  values: z.array(z.string()),
});

export const PricingConditionSchema = z.union([UsageThresholdConditionSchema, ContextConditionSchema]);

export const PricingPricesSchema = z
  .record(z.string().min(1), z.number().finite().nonnegative())
  .refine((prices) => Object.keys(prices).length > 0, { message: "a pricing tier needs at least one price" });

export const PricingTierSchema = z.object({
  id: z.string().min(1).optional(),
  name: z.string().min(1),
  isDefault: z.boolean(),
  priority: z.number().int().nonnegative(),
  conditions: z.array(PricingConditionSchema),
  prices: PricingPricesSchema,
});

type TierShape = Pick<PricingTier, "name" | "isDefault" | "priority" | "conditions">;

/** §8.1 rules: exactly one default tier (priority 0, no conditions); unique names and priorities; conditional tiers have conditions. */
function checkTiers(tiers: readonly TierShape[], ctx: z.RefinementCtx): void {
  const defaults = tiers.filter((tier) => tier.isDefault);
  if (defaults.length !== 1) ctx.addIssue({ code: "custom", message: "exactly one pricing tier must be the default" });
  for (const [index, tier] of tiers.entries()) {
    if (tier.isDefault && (tier.priority !== 0 || tier.conditions.length > 0)) {
      ctx.addIssue({ code: "custom", path: [index], message: "the default tier has priority 0 and no conditions" });
    }
    if (!tier.isDefault && tier.conditions.length === 0) {
      ctx.addIssue({ code: "custom", path: [index, "conditions"], message: "a non-default tier needs at least one condition" });
    }
  }
  if (new Set(tiers.map((tier) => tier.name)).size !== tiers.length) {
    ctx.addIssue({ code: "custom", message: "pricing tier names must be unique" });
  }
  if (new Set(tiers.map((tier) => tier.priority)).size !== tiers.length) {
    ctx.addIssue({ code: "custom", message: "pricing tier priorities must be unique" });
  }
}

export const PricingTiersSchema = z.array(PricingTierSchema).superRefine(checkTiers);

export const ModelSourceSchema = z.enum(["builtin", "project"]);

export const ModelDefinitionSchema = z.object({
  id: z.string().min(1),
  /** "builtin": shipped with Loupe (read-only); "project": created by a project, wins over built-ins. */
  source: ModelSourceSchema,
  modelName: z.string().min(1),
  /** Postgres-syntax regex as in Langfuse, e.g. `(?i)^(openai/)?(gpt-4o)$`; see toRe2Pattern. */
  matchPattern: regexString("matchPattern"),
  /** Prices apply to observations starting at/after this instant; null = always. */
  startDate: z.coerce.date().nullable(),
  tokenizerId: z.string().min(1).nullable(),
  tokenizerConfig: z.record(z.string(), z.unknown()).nullable(),
  /** Day the prices were last checked ("YYYY-MM-DD"); null when unknown (project models). */
  priceUpdated: z.string().nullable().default(null),
  /** Where the prices come from, shown to users (built-ins: Langfuse price table + date). */
  provenance: z.string().nullable().default(null),
  tiers: PricingTiersSchema,
});

export type UsageThresholdCondition = z.infer<typeof UsageThresholdConditionSchema>;
export type ContextCondition = z.infer<typeof ContextConditionSchema>;
export type PricingCondition = z.infer<typeof PricingConditionSchema>;
export type PricingTier = z.infer<typeof PricingTierSchema>;
export type ModelSource = z.infer<typeof ModelSourceSchema>;
export type ModelDefinition = z.infer<typeof ModelDefinitionSchema>;
export type ModelDefinitionInput = z.input<typeof ModelDefinitionSchema>;

/** One entry of builtin-models.json (prices must use canonical usage keys only). */
export const BuiltinModelEntrySchema = z.object({
  id: z.string().regex(/^builtin-[a-z0-9.-]+$/),
  modelName: z.string().min(1),
  matchPattern: regexString("matchPattern"),
  tokenizerId: z.string().min(1).nullable(),
  tokenizerConfig: z.record(z.string(), z.unknown()).nullable(),
  priceUpdated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  source: z.string().min(1),
  tiers: z
    .array(
      PricingTierSchema.extend({
        prices: z
          .partialRecord(z.enum(CANONICAL_USAGE_KEYS), z.number().finite().nonnegative())
          .refine((prices) => Object.keys(prices).length > 0, { message: "a pricing tier needs at least one price" }),
      }),
    )
    .superRefine(checkTiers),
});
export type BuiltinModelEntry = z.infer<typeof BuiltinModelEntrySchema>;

export function isUsageThresholdCondition(condition: PricingCondition): condition is UsageThresholdCondition {
  return "usageDetailPattern" in condition;
}

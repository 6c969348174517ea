export { BUILTIN_MODEL_ENTRIES, BUILTIN_MODELS, getBuiltinModel } from "./builtin-models.ts";
export {
  type CalculateCostInput,
  type CostResult,
  calculateCost,
  type PricingContext,
  roundCost,
  selectPricingTier,
} from "./calculate-cost.ts";
export {
  compareModelPrecedence,
  compileModelPattern,
  matchModel,
  modelMatches,
  toRe2Pattern,
  tryCompileModelPattern,
} from "./match-model.ts";
export {
  type BuiltinModelEntry,
  BuiltinModelEntrySchema,
  COMPARISON_OPERATORS,
  type ComparisonOperator,
  type ContextCondition,
  ContextConditionSchema,
  isUsageThresholdCondition,
  type ModelDefinition,
  type ModelDefinitionInput,
  ModelDefinitionSchema,
  type ModelSource,
  ModelSourceSchema,
  type PricingCondition,
  PricingConditionSchema,
  PricingPricesSchema,
  type PricingTier,
  PricingTierSchema,
  PricingTiersSchema,
  type UsageThresholdCondition,
  UsageThresholdConditionSchema,
} from "./model-definition.ts";

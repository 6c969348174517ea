/**
 * Cost calculation (langfuse-api.md §8.3), on canonical usage (usage/normalize-usage.ts).
 *
 * 1. Provided cost (costDetails / usage.*Cost, see normalizeProvidedCost) wins verbatim.
 * 2. Otherwise the matched model's pricing tier is selected (selectPricingTier) and every usage key is
 *    charged `price × units`, where the price is the tier's price for that key or, when missing, for the
 *    key's fallback (priceFallbackChain: reasoning → output, cache reads/writes and audio/image/video
 *    input → input, 5m/1h cache writes → generic cache write → input …). Tier price keys may be Langfuse
 *    synonyms (`input_cached_tokens`, `cache_read_input_tokens`…); they are mapped to canonical keys.
 * 3. A `total` price charges `usage.total`, and then totalCost = cost.total (Langfuse semantics);
 *    otherwise totalCost = the sum of the per-key costs. Nothing priced → null (no cost).
 * Results are rounded to 12 decimal places to avoid float noise.
 */
import { canonicalUsageKey, priceFallbackChain } from "../usage/canonical-usage.ts";
import { totalUsage } from "../usage/aggregate-usage.ts";
import { tryCompileModelPattern } from "./match-model.ts";
import {
  type ComparisonOperator,
  isUsageThresholdCondition,
  type ModelDefinition,
  type PricingCondition,
  type PricingTier,
} from "./model-definition.ts";

export interface PricingContext {
  modelParameters?: unknown;
  metadata?: unknown;
}

export interface CalculateCostInput extends PricingContext {
  /** Canonical usage (normalizeUsage). */
  usage?: Readonly<Record<string, number>> | null;
  /** Provided cost (normalizeProvidedCost). */
  providedCost?: Readonly<Record<string, number>> | null;
  /** The matched model (matchModel), if any. */
  model?: ModelDefinition | null;
}

export interface CostResult {
  /** USD per usage key, plus `total`. */
  costDetails: Record<string, number>;
  totalCost: number | null;
  source: "provided" | "calculated";
  /** Pricing tier used (calculated costs only). */
  tierName?: string;
  /** Matched model id, when a model was given. */
  modelId?: string;
}

/** Rounds to 12 decimal places (removes float noise such as 0.0025000000000000005). */
export function roundCost(value: number): number {
  const rounded = Number(value.toFixed(12));
  return rounded === 0 ? 0 : rounded;
}

function isObj(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function compare(left: number, operator: ComparisonOperator, right: number): boolean {
  switch (operator) {
    case "gt":
      return left > right;
    case "gte":
      return left >= right;
    case "lt":
      return left < right;
    case "lte":
      return left <= right;
    case "eq":
      return left === right;
    case "neq":
      return left !== right;
    default:
      return false;
  }
}

function conditionMatches(
  condition: PricingCondition,
  usage: Readonly<Record<string, number>> | null | undefined,
  context: PricingContext,
): boolean {
  if (isUsageThresholdCondition(condition)) {
    const regex = tryCompileModelPattern(condition.usageDetailPattern, { caseInsensitive: !condition.caseSensitive });
    if (!regex) return false;
    let sum = 0;
    for (const [key, value] of Object.entries(usage ?? {})) {
      if (typeof value === "number" && Number.isFinite(value) && regex.test(key)) sum += value;
    }
    return compare(sum, condition.operator, condition.value);
  }
  const bag = condition.source === "model_parameters" ? context.modelParameters : context.metadata;
  if (!isObj(bag) || !Object.hasOwn(bag, condition.key)) return false;
  const value = bag[condition.key];
  const candidates = Array.isArray(value) ? value : [value];
  return candidates.some(
    (v) => (typeof v === "string" || typeof v === "number" || typeof v === "boolean") && condition.values.includes(String(v)),
  );
}

/**
 * The pricing tier for this call: the first non-default tier (ascending priority) whose conditions all hold,
 * else the default tier. Usage-threshold conditions sum the canonical usage keys matching the pattern;
 * context conditions compare `String(modelParameters[key])` / `String(metadata[key])` with `values`.
 */
export function selectPricingTier(
  model: Pick<ModelDefinition, "tiers">,
  usage: Readonly<Record<string, number>> | null | undefined,
  context: PricingContext = {},
): PricingTier | null {
  const conditional = model.tiers.filter((tier) => !tier.isDefault && tier.conditions.length > 0).sort((a, b) => a.priority - b.priority);
  for (const tier of conditional) {
    if (tier.conditions.every((condition) => conditionMatches(condition, usage, context ?? {}))) return tier;
  }
  return model.tiers.find((tier) => tier.isDefault) ?? null;
}

const canonicalPriceCache = new WeakMap<PricingTier, ReadonlyMap<string, number>>();

/** Tier prices keyed canonically; an exact canonical key wins over a synonym, else the first synonym. */
function canonicalPrices(tier: PricingTier): ReadonlyMap<string, number> {
  const cached = canonicalPriceCache.get(tier);
  if (cached) return cached;
  const prices = new Map<string, number>();
  const entries = Object.entries(tier.prices).filter(([, price]) => typeof price === "number" && Number.isFinite(price) && price >= 0);
  for (const [key, price] of entries) if (canonicalUsageKey(key) === key || canonicalUsageKey(key) === null) prices.set(key, price);
  for (const [key, price] of entries) {
    const canonical = canonicalUsageKey(key);
    if (canonical !== null && !prices.has(canonical)) prices.set(canonical, price);
  }
  canonicalPriceCache.set(tier, prices);
  return prices;
}

function priceFor(prices: ReadonlyMap<string, number>, usageKey: string): number | undefined {
  for (const key of priceFallbackChain(usageKey)) {
    const price = prices.get(key);
    if (price !== undefined) return price;
  }
  return undefined;
}

/** Cost of one observation (§8.3). Null when no cost was provided and nothing could be priced. */
export function calculateCost(input: CalculateCostInput): CostResult | null {
  const { usage, providedCost, model } = input;
  const modelId = model ? { modelId: model.id } : {};

  if (providedCost && Object.keys(providedCost).length > 0) {
    const costDetails: Record<string, number> = {};
    for (const [key, value] of Object.entries(providedCost)) {
      if (typeof value === "number" && Number.isFinite(value) && value >= 0) costDetails[key] = value;
    }
    if (Object.keys(costDetails).length > 0) {
      return { costDetails, totalCost: costDetails.total ?? null, source: "provided", ...modelId };
    }
  }

  if (!model || !usage || Object.keys(usage).length === 0) return null;
  const tier = selectPricingTier(model, usage, { modelParameters: input.modelParameters, metadata: input.metadata });
  if (!tier) return null;
  const prices = canonicalPrices(tier);

  const costDetails: Record<string, number> = {};
  let sum = 0;
  for (const [key, units] of Object.entries(usage)) {
    if (key === "total" || typeof units !== "number" || !Number.isFinite(units) || units < 0) continue;
    const price = priceFor(prices, key);
    if (price === undefined) continue;
    const cost = roundCost(price * units);
    costDetails[key] = cost;
    sum += cost;
  }

  const totalPrice = prices.get("total");
  let totalCost: number;
  if (totalPrice !== undefined) {
    totalCost = roundCost(totalPrice * totalUsage(usage));
  } else if (Object.keys(costDetails).length > 0) {
    totalCost = roundCost(sum);
  } else {
    return null;
  }
  costDetails.total = totalCost;
  return { costDetails, totalCost, source: "calculated", tierName: tier.name, ...modelId };
}

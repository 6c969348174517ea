export {
  CANONICAL_USAGE,
  CANONICAL_USAGE_KEYS,
  type CanonicalUsageEntry,
  type CanonicalUsageKey,
  canonicalizeUsageKey,
  canonicalUsageKey,
  isCanonicalUsageKey,
  isTokenUsageKey,
  priceFallbackChain,
  type UsageKind,
  type UsageUnit,
  usageKeyKind,
} from "./canonical-usage.ts";
export { inputUsage, outputUsage, totalUsage } from "./aggregate-usage.ts";
export {
  type NormalizedCost,
  type NormalizedUsage,
  normalizeLegacyUsage,
  normalizeProvidedCost,
  normalizeUsage,
  normalizeUsageDetails,
} from "./normalize-usage.ts";
export { MAX_STORED_COST, MAX_STORED_COUNT, storableCost, storableCount } from "./storable.ts";

/**
 * Regenerates builtin-models.json (Loupe's built-in model catalog) from the Langfuse default price table.
 *
 *   npx tsx packages/domain/src/pricing/generate-builtin-models.ts /work/shared/data/model-prices.json [out.json]
 *
 * Prices are re-keyed to Loupe's canonical usage vocabulary (src/usage/canonical-usage.ts), the same
 * mapping ingestion applies to usage: several source keys are provider synonyms of one canonical key.
 * The script fails if synonyms disagree on a price or if the source uses a key the vocabulary does not
 * know (add the synonym to canonical-usage.ts first). Price values are copied unchanged.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CANONICAL_USAGE_KEYS, canonicalUsageKey } from "../usage/canonical-usage.ts";

/** One entry of the Langfuse price table (the fields this script reads). */
export interface SourceModelPrice {
  model: string;
  matchPattern: string;
  tokenizer?: string | null;
  tokenizerConfig?: Record<string, unknown> | null;
  priceUpdated: string;
  tiers: {
    name: string;
    isDefault: boolean;
    priority: number;
    conditions?: Record<string, unknown>[];
    pricesPerUnitUsd: Record<string, unknown>;
  }[];
}

export interface GeneratedBuiltinModel {
  id: string;
  modelName: string;
  matchPattern: string;
  tokenizerId: string | null;
  tokenizerConfig: Record<string, unknown> | null;
  priceUpdated: string;
  source: string;
  tiers: {
    name: string;
    isDefault: boolean;
    priority: number;
    conditions: Record<string, unknown>[];
    prices: Record<string, number>;
  }[];
}

export const PROVENANCE = "Langfuse default price table (MIT)";

/** "gpt-4o" → "builtin-gpt-4o"; "ft:gpt-3.5-turbo-1106" → "builtin-ft-gpt-3.5-turbo-1106". */
export function builtinModelId(modelName: string): string {
  const slug = modelName
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `builtin-${slug}`;
}

function convertPrices(modelName: string, tierName: string, sourcePrices: Record<string, unknown>): Record<string, number> {
  const prices: Record<string, number> = {};
  for (const [sourceKey, price] of Object.entries(sourcePrices)) {
    const key = canonicalUsageKey(sourceKey);
    if (key === null) throw new Error(`${modelName} / ${tierName}: unknown price key "${sourceKey}"`);
    if (typeof price !== "number" || !Number.isFinite(price) || price < 0) {
      throw new Error(`${modelName} / ${tierName}: invalid price for "${sourceKey}": ${price}`);
    }
    if (key in prices && prices[key] !== price) {
      throw new Error(`${modelName} / ${tierName}: synonyms of "${key}" disagree (${prices[key]} vs ${price} for "${sourceKey}")`);
    }
    prices[key] = price;
  }
  const ordered: Record<string, number> = {};
  for (const key of CANONICAL_USAGE_KEYS) if (key in prices) ordered[key] = prices[key] as number;
  return ordered;
}

function convertCondition(condition: Record<string, unknown>): Record<string, unknown> {
  if ("usageDetailPattern" in condition) {
    return {
      usageDetailPattern: condition.usageDetailPattern,
      operator: condition.operator,
      value: condition.value,
      caseSensitive: condition.caseSensitive ?? false,
    };
  }
  return { source: condition.source, key: condition.key, operator: condition.operator, values: [...(condition.values as unknown[])] };
}

/** Converts the parsed Langfuse price table (array) into Loupe's built-in catalog entries. */
export function convertModelPrices(source: unknown): GeneratedBuiltinModel[] {
  if (!Array.isArray(source)) throw new Error("expected an array of models");
  const ids = new Set<string>();
  return (source as SourceModelPrice[]).map((model) => {
    const id = builtinModelId(model.model);
    if (ids.has(id)) throw new Error(`duplicate model id ${id}`);
    ids.add(id);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(model.priceUpdated)) throw new Error(`${model.model}: bad priceUpdated`);
    return {
      id,
      modelName: model.model,
      matchPattern: model.matchPattern,
      tokenizerId: model.tokenizer ?? null,
      tokenizerConfig: model.tokenizerConfig ?? null,
      priceUpdated: model.priceUpdated,
      source: `${PROVENANCE}, list prices as of ${model.priceUpdated}`,
      tiers: model.tiers.map((tier) => ({
        name: tier.name,
        isDefault: tier.isDefault,
        priority: tier.priority,
        conditions: (tier.conditions ?? []).map(convertCondition),
        prices: convertPrices(model.model, tier.name, tier.pricesPerUnitUsd),
      })),
    };
  });
}

function main(argv: string[]) {
  const [inputPath, outputPath = join(dirname(fileURLToPath(import.meta.url)), "builtin-models.json")] = argv;
  if (!inputPath) {
    console.error("usage: generate-builtin-models.ts <model-prices.json> [out.json]");
    process.exit(2);
  }
  const models = convertModelPrices(JSON.parse(readFileSync(inputPath, "utf8")));
  writeFileSync(outputPath, `${JSON.stringify(models, null, 2)}\n`);
  console.log(`wrote ${models.length} models to ${outputPath}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));

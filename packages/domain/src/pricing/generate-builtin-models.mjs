#!/usr/bin/env node
/**
 * Regenerates builtin-models.json (Loupe's built-in model catalog) from the Langfuse default price table.
 *
 *   node packages/domain/src/pricing/generate-builtin-models.mjs /work/shared/data/model-prices.json [out.json]
 *
 * Prices are re-keyed to Loupe's canonical usage vocabulary (src/usage/canonical-usage.ts). Several source
 * keys are provider synonyms of one canonical key; the script fails if synonyms disagree on a price or if
 * the source uses a key it does not know (extend PRICE_KEY_MAP, and canonical-usage.ts, first).
 * Price values are copied unchanged. Plain Node, no dependencies.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Canonical usage keys in catalog order (must equal CANONICAL_USAGE_KEYS; checked by a unit test). */
export const CANONICAL_ORDER = [
  "input",
  "input_cached",
  "input_cached_audio",
  "input_cache_write",
  "input_cache_write_5m",
  "input_cache_write_1h",
  "input_audio",
  "input_image",
  "input_video",
  "output",
  "output_reasoning",
  "output_audio",
  "output_image",
  "total",
  "web_search",
];

/** Source price key → canonical usage key (must agree with canonicalUsageKey(); checked by a unit test). */
export const PRICE_KEY_MAP = {
  input: "input",
  input_tokens: "input",
  input_text: "input",
  input_text_tokens: "input",
  input_modality_1: "input",
  prompt_token_count: "input",
  promptTokenCount: "input",
  input_cached_tokens: "input_cached",
  input_cache_read: "input_cached",
  cache_read_input_tokens: "input_cached",
  input_cached_text_tokens: "input_cached",
  cached_content_token_count: "input_cached",
  input_cached_audio_tokens: "input_cached_audio",
  input_cache_creation: "input_cache_write",
  cache_creation_input_tokens: "input_cache_write",
  cache_write_tokens: "input_cache_write",
  input_cache_creation_5m: "input_cache_write_5m",
  input_cache_creation_1h: "input_cache_write_1h",
  input_audio: "input_audio",
  input_audio_tokens: "input_audio",
  input_image: "input_image",
  output: "output",
  output_tokens: "output",
  output_text: "output",
  output_text_tokens: "output",
  output_modality_1: "output",
  candidates_token_count: "output",
  candidatesTokenCount: "output",
  output_reasoning: "output_reasoning",
  output_reasoning_tokens: "output_reasoning",
  reasoning_tokens: "output_reasoning",
  thoughts_token_count: "output_reasoning",
  thoughtsTokenCount: "output_reasoning",
  output_audio: "output_audio",
  output_audio_tokens: "output_audio",
  total: "total",
  web_search_queries: "web_search",
  webSearchQueries: "web_search",
  grounding_queries: "web_search",
  groundingQueries: "web_search",
};

export const PROVENANCE = "Langfuse default price table (MIT)";

/** "gpt-4o" → "builtin-gpt-4o"; "ft:gpt-3.5-turbo-1106" → "builtin-ft-gpt-3.5-turbo-1106". */
export function builtinModelId(modelName) {
  const slug = modelName
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `builtin-${slug}`;
}

function convertPrices(modelName, tierName, sourcePrices) {
  const prices = {};
  for (const [sourceKey, price] of Object.entries(sourcePrices)) {
    const key = PRICE_KEY_MAP[sourceKey];
    if (key === undefined) throw new Error(`${modelName} / ${tierName}: unknown price key "${sourceKey}"`);
    if (typeof price !== "number" || !Number.isFinite(price) || price < 0) {
      throw new Error(`${modelName} / ${tierName}: invalid price for "${sourceKey}": ${price}`);
    }
    if (key in prices && prices[key] !== price) {
      throw new Error(`${modelName} / ${tierName}: synonyms of "${key}" disagree (${prices[key]} vs ${price} for "${sourceKey}")`);
    }
    prices[key] = price;
  }
  const ordered = {};
  for (const key of CANONICAL_ORDER) if (key in prices) ordered[key] = prices[key];
  return ordered;
}

function convertCondition(condition) {
  if ("usageDetailPattern" in condition) {
    return {
      usageDetailPattern: condition.usageDetailPattern,
      operator: condition.operator,
      value: condition.value,
      caseSensitive: condition.caseSensitive ?? false,
    };
  }
  return { source: condition.source, key: condition.key, operator: condition.operator, values: [...condition.values] };
}

/** Converts the parsed Langfuse price table (array) into Loupe's built-in catalog entries. */
export function convertModelPrices(source) {
  if (!Array.isArray(source)) throw new Error("expected an array of models");
  const ids = new Set();
  return source.map((model) => {
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

function main(argv) {
  const [inputPath, outputPath = join(dirname(fileURLToPath(import.meta.url)), "builtin-models.json")] = argv;
  if (!inputPath) {
    console.error("usage: generate-builtin-models.mjs <model-prices.json> [out.json]");
    process.exit(2);
  }
  const models = convertModelPrices(JSON.parse(readFileSync(inputPath, "utf8")));
  writeFileSync(outputPath, `${JSON.stringify(models, null, 2)}\n`);
  console.log(`wrote ${models.length} models to ${outputPath}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));

import path from "node:path";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CANONICAL_USAGE_KEYS, canonicalUsageKey, isCanonicalUsageKey } from "../usage/canonical-usage.ts";
import catalog from "./builtin-models.json" with { type: "json" };
import { BUILTIN_MODELS, getBuiltinModel } from "./builtin-models.ts";
import { builtinModelId, convertModelPrices } from "./generate-builtin-models.ts";
import { compileModelPattern, matchModel, toRe2Pattern } from "./match-model.ts";
import { ModelDefinitionSchema } from "./model-definition.ts";

/**
 * Built-ins whose display name is not itself a model id their pattern accepts (quirks of the source table):
 * a real model id each of them must match instead.
 */
const NAME_IS_NOT_AN_ID: Record<string, string> = {
  "gpt-4-turbo-vision": "gpt-4-vision-preview",
  "ft:gpt-3.5-turbo-1106": "ft:gpt-3.5-turbo-1106:my-org:custom-suffix:abc123",
  "ft:gpt-3.5-turbo-0613": "ft:gpt-3.5-turbo-0613:my-org::abc123",
  "ft:davinci-002": "ft:davinci-002:my-org:custom-suffix:abc123",
  "ft:babbage-002": "ft:babbage-002:my-org:custom-suffix:abc123",
  "claude-3.5-sonnet-20241022": "claude-3-5-sonnet-20241022",
  "claude-3.5-sonnet-latest": "claude-3-5-sonnet-latest",
  "claude-3.5-haiku-latest": "claude-3-5-haiku-latest",
  "claude-3.7-sonnet-latest": "claude-3-7-sonnet-latest",
};

// The shared data folder sits beside the repository checkout (../shared).
const SOURCE_TABLE = path.resolve(import.meta.dirname, "../../../../../shared/data/model-prices.json");

describe("built-in model catalog", () => {
  it("contains all 167 models with unique builtin- ids", () => {
    expect(BUILTIN_MODELS).toHaveLength(167);
    const ids = BUILTIN_MODELS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const model of BUILTIN_MODELS) {
      expect(model.id).toBe(builtinModelId(model.modelName));
      expect(model.id).toMatch(/^builtin-[a-z0-9.-]+$/);
      expect(model.source).toBe("builtin");
      expect(model.startDate).toBeNull();
    }
    expect(getBuiltinModel("builtin-gpt-4o")?.modelName).toBe("gpt-4o");
    expect(getBuiltinModel("builtin-ft-gpt-3.5-turbo-1106")?.modelName).toBe("ft:gpt-3.5-turbo-1106");
    expect(getBuiltinModel("nope")).toBeNull();
  });

  it("keeps provenance and the price date visible", () => {
    const gpt4o = getBuiltinModel("builtin-gpt-4o");
    expect(gpt4o?.priceUpdated).toBe("2026-08-20");
    expect(gpt4o?.provenance).toBe("Langfuse default price table (MIT), list prices as of 2026-08-20");
    for (const model of BUILTIN_MODELS) {
      expect(model.priceUpdated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(model.provenance).toBe(`Langfuse default price table (MIT), list prices as of ${model.priceUpdated}`);
    }
  });

  it("validates every entry against the public ModelDefinition schema", () => {
    for (const model of BUILTIN_MODELS) expect(ModelDefinitionSchema.safeParse(model).success).toBe(true);
  });

  it("prices only canonical usage keys, with exactly one default tier", () => {
    for (const model of BUILTIN_MODELS) {
      expect(model.tiers.filter((t) => t.isDefault)).toHaveLength(1);
      for (const tier of model.tiers) {
        expect(Object.keys(tier.prices).length).toBeGreaterThan(0);
        for (const [key, price] of Object.entries(tier.prices)) {
          expect(isCanonicalUsageKey(key)).toBe(true);
          expect(price).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it("keeps the source prices exactly", () => {
    const prices = (name: string, tier = "Standard") =>
      BUILTIN_MODELS.find((m) => m.modelName === name)?.tiers.find((t) => t.name === tier)?.prices;
    expect(prices("gpt-4o")).toEqual({ input: 2.5e-6, input_cached: 1.25e-6, output: 1e-5 });
    expect(prices("gpt-4o", "Fast mode")).toEqual({ input: 4.25e-6, input_cached: 2.125e-6, output: 1.7e-5 });
    expect(prices("claude-sonnet-4-5-20250929")).toEqual({
      input: 3e-6,
      input_cached: 3e-7,
      input_cache_write: 3.75e-6,
      input_cache_write_5m: 3.75e-6,
      input_cache_write_1h: 6e-6,
      output: 1.5e-5,
    });
    expect(prices("gemini-2.5-flash")).toEqual({
      input: 3e-7,
      input_cached: 3e-8,
      input_audio: 1e-6,
      output: 2.5e-6,
      output_reasoning: 2.5e-6,
    });
    expect(prices("text-embedding-3-small")).toEqual({ total: 2e-8 });
    expect(prices("gemini-3-pro-preview")?.web_search).toBe(0.014);
    expect(prices("gpt-4o-realtime-preview")).toEqual({
      input: 5e-6,
      input_cached: 2.5e-6,
      input_cached_audio: 2e-5,
      input_audio: 1e-4,
      output: 2e-5,
      output_audio: 2e-4,
    });
  });

  it("compiles every pattern on RE2 to a regex that matches the model's own name (or a real id for display names)", () => {
    for (const model of BUILTIN_MODELS) {
      expect(toRe2Pattern(model.matchPattern).flags.caseInsensitive).toBe(true);
      const compiled = compileModelPattern(model.matchPattern);
      if (!compiled.ok) throw new Error(`${model.id}: ${compiled.reason}`);
      const regex = compiled.regex;
      const example = NAME_IS_NOT_AN_ID[model.modelName];
      if (example === undefined) {
        expect(regex.test(model.modelName), model.modelName).toBe(true);
      } else {
        expect(regex.test(model.modelName), model.modelName).toBe(false);
        expect(regex.test(example), example).toBe(true);
      }
    }
  });

  it("resolves every built-in name (or example id) to that very model: no built-in shadows another", () => {
    for (const model of BUILTIN_MODELS) {
      const name = NAME_IS_NOT_AN_ID[model.modelName] ?? model.modelName;
      expect(matchModel(name, BUILTIN_MODELS)?.id, name).toBe(model.id);
    }
  });
});

describe("generate-builtin-models.ts", () => {
  it("keys prices by the canonical vocabulary, in its order, whatever synonym the source used", () => {
    const [model] = convertModelPrices([
      {
        model: "m",
        matchPattern: "^m$",
        priceUpdated: "2026-01-01",
        tiers: [
          {
            name: "Standard",
            isDefault: true,
            priority: 0,
            pricesPerUnitUsd: { candidatesTokenCount: 3, thoughts_token_count: 4, promptTokenCount: 1, cache_read_input_tokens: 2 },
          },
        ],
      },
    ]);
    const prices = model?.tiers[0]?.prices ?? {};
    expect(prices).toEqual({ input: 1, input_cached: 2, output: 3, output_reasoning: 4 });
    expect(Object.keys(prices)).toEqual(CANONICAL_USAGE_KEYS.filter((k) => k in prices));
    for (const key of Object.keys(prices)) expect(canonicalUsageKey(key)).toBe(key);
  });

  it("converts a source entry, merging synonym prices", () => {
    const [model] = convertModelPrices([
      {
        model: "Acme-1.5 Turbo",
        matchPattern: "(?i)^(acme/)?(acme-1.5-turbo)$",
        tokenizer: null,
        tokenizerConfig: null,
        priceUpdated: "2026-01-02",
        tiers: [
          {
            name: "Standard",
            isDefault: true,
            priority: 0,
            conditions: [],
            pricesPerUnitUsd: { output_tokens: 2e-6, input: 1e-6, input_tokens: 1e-6, cache_read_input_tokens: 1e-7 },
          },
          {
            name: "Long",
            isDefault: false,
            priority: 1,
            conditions: [{ usageDetailPattern: "(input)", operator: "gt", value: 10 }],
            pricesPerUnitUsd: { input: 2e-6 },
          },
        ],
      },
    ]);
    expect(model).toEqual({
      id: "builtin-acme-1.5-turbo",
      modelName: "Acme-1.5 Turbo",
      matchPattern: "(?i)^(acme/)?(acme-1.5-turbo)$",
      tokenizerId: null,
      tokenizerConfig: null,
      priceUpdated: "2026-01-02",
      source: "Langfuse default price table (MIT), list prices as of 2026-01-02",
      tiers: [
        { name: "Standard", isDefault: true, priority: 0, conditions: [], prices: { input: 1e-6, input_cached: 1e-7, output: 2e-6 } },
        {
          name: "Long",
          isDefault: false,
          priority: 1,
          conditions: [{ usageDetailPattern: "(input)", operator: "gt", value: 10, caseSensitive: false }],
          prices: { input: 2e-6 },
        },
      ],
    });
  });

  it("fails on unknown keys and on synonyms that disagree", () => {
    const entry = (pricesPerUnitUsd: Record<string, number>) => [
      {
        model: "m",
        matchPattern: "^m$",
        tokenizer: null,
        tokenizerConfig: null,
        priceUpdated: "2026-01-01",
        tiers: [{ name: "Standard", isDefault: true, priority: 0, conditions: [], pricesPerUnitUsd }],
      },
    ];
    expect(() => convertModelPrices(entry({ brand_new_key: 1 }))).toThrow(/unknown price key/);
    expect(() => convertModelPrices(entry({ input: 1, input_tokens: 2 }))).toThrow(/disagree/);
  });

  it.skipIf(!existsSync(SOURCE_TABLE))("reproduces builtin-models.json from the source table", () => {
    expect(convertModelPrices(JSON.parse(readFileSync(SOURCE_TABLE, "utf8")))).toEqual(catalog);
  });
});

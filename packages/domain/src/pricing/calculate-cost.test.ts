import { describe, expect, it } from "vitest";
import { normalizeProvidedCost, normalizeUsage } from "../usage/normalize-usage.ts";
import { BUILTIN_MODELS } from "./builtin-models.ts";
import { calculateCost, roundCost, selectPricingTier } from "./calculate-cost.ts";
import { matchModel } from "./match-model.ts";
import type { ModelDefinition } from "./model-definition.ts";

const builtin = (name: string): ModelDefinition => {
  const found = matchModel(name, BUILTIN_MODELS);
  if (!found) throw new Error(`no built-in for ${name}`);
  return found;
};

/** The whole ingestion path: normalise usage + provided cost, match the model, price. */
function costOf(
  modelName: string,
  raw: { usage?: unknown; usageDetails?: unknown; costDetails?: unknown },
  modelParameters?: unknown,
  metadata?: unknown,
) {
  return calculateCost({
    usage: normalizeUsage(raw),
    providedCost: normalizeProvidedCost(raw),
    model: matchModel(modelName, BUILTIN_MODELS),
    modelParameters,
    metadata,
  });
}

describe("calculateCost — OpenAI", () => {
  it("Chat Completions with cached + reasoning tokens (o3): cached tokens charged once, at the cache price", () => {
    const result = costOf("o3", {
      usageDetails: {
        prompt_tokens: 10_000,
        completion_tokens: 3_000,
        total_tokens: 13_000,
        prompt_tokens_details: { cached_tokens: 4_000 },
        completion_tokens_details: { reasoning_tokens: 2_000 },
      },
    });
    // list price: 6000 × $2/M + 4000 × $0.50/M + (1000 + 2000) × $8/M = 0.012 + 0.002 + 0.024
    expect(result).toEqual({
      costDetails: { input: 0.012, input_cached: 0.002, output: 0.008, output_reasoning: 0.016, total: 0.038 },
      totalCost: 0.038,
      source: "calculated",
      tierName: "Standard",
      modelId: "builtin-o3",
    });
  });

  it("gpt-4o has no reasoning price: reasoning tokens are charged at the output price", () => {
    const result = costOf("gpt-4o", {
      usageDetails: {
        prompt_tokens: 1000,
        completion_tokens: 500,
        total_tokens: 1500,
        prompt_tokens_details: { cached_tokens: 200 },
        completion_tokens_details: { reasoning_tokens: 100 },
      },
    });
    // 800 × 2.5e-6 + 200 × 1.25e-6 + 400 × 1e-5 + 100 × 1e-5
    expect(result?.costDetails).toEqual({ input: 0.002, input_cached: 0.00025, output: 0.004, output_reasoning: 0.001, total: 0.00725 });
    // A naive price (prompt_tokens × input price + cached × cache price) would charge 0.00275 for input; we charge 0.00225.
    expect(roundCost((result?.costDetails.input ?? 0) + (result?.costDetails.input_cached ?? 0))).toBe(0.00225);
  });

  it("Responses API usage (gpt-5)", () => {
    const result = costOf("openai/gpt-5", {
      usageDetails: {
        input_tokens: 2000,
        input_tokens_details: { cached_tokens: 1500 },
        output_tokens: 800,
        output_tokens_details: { reasoning_tokens: 600 },
        total_tokens: 2800,
      },
    });
    // 500 × 1.25e-6 + 1500 × 1.25e-7 + 200 × 1e-5 + 600 × 1e-5
    expect(result?.costDetails).toEqual({
      input: 0.000625,
      input_cached: 0.0001875,
      output: 0.002,
      output_reasoning: 0.006,
      total: 0.0088125,
    });
    expect(result?.totalCost).toBe(0.0088125);
  });

  it("Realtime audio usage (gpt-4o-realtime-preview) prices text, cached text, cached audio, audio separately", () => {
    const result = costOf("gpt-4o-realtime-preview", {
      usageDetails: {
        total_tokens: 1500,
        input_tokens: 1000,
        output_tokens: 500,
        input_token_details: {
          cached_tokens: 300,
          text_tokens: 400,
          audio_tokens: 600,
          cached_tokens_details: { text_tokens: 100, audio_tokens: 200 },
        },
        output_token_details: { text_tokens: 100, audio_tokens: 400 },
      },
    });
    // 300×5e-6 + 100×2.5e-6 + 200×2e-5 + 400×1e-4 + 100×2e-5 + 400×2e-4
    expect(result?.costDetails).toEqual({
      input: 0.0015,
      input_cached: 0.00025,
      input_cached_audio: 0.004,
      input_audio: 0.04,
      output: 0.002,
      output_audio: 0.08,
      total: 0.12775,
    });
  });

  it("a model without a cache price charges cache reads at the input price (gpt-4o-2024-05-13)", () => {
    const result = costOf("gpt-4o-2024-05-13", {
      usageDetails: { prompt_tokens: 1000, completion_tokens: 10, total_tokens: 1010, prompt_tokens_details: { cached_tokens: 400 } },
    });
    // 600 × 5e-6 + 400 × 5e-6 + 10 × 1.5e-5
    expect(result?.costDetails).toEqual({ input: 0.003, input_cached: 0.002, output: 0.00015, total: 0.00515 });
  });

  it("legacy usage {promptTokens, completionTokens} (gpt-4o-mini)", () => {
    // 1,000,000 × 1.5e-7 + 1,000,000 × 6e-7
    expect(
      costOf("gpt-4o-mini", { usage: { promptTokens: 1_000_000, completionTokens: 1_000_000, totalTokens: 2_000_000 } })?.costDetails,
    ).toEqual({
      input: 0.15,
      output: 0.6,
      total: 0.75,
    });
  });

  it("models priced per total token (embeddings) charge total only", () => {
    expect(costOf("text-embedding-3-small", { usage: { input: 1000 } })).toEqual({
      costDetails: { total: 0.00002 },
      totalCost: 0.00002,
      source: "calculated",
      tierName: "Standard",
      modelId: "builtin-text-embedding-3-small",
    });
  });
});

describe("calculateCost — Anthropic", () => {
  it("cache reads and cache writes (by TTL) are priced on top of uncached input, never subtracted", () => {
    const result = costOf("claude-sonnet-4-5-20250929", {
      usageDetails: {
        input_tokens: 50,
        cache_read_input_tokens: 10_000,
        cache_creation_input_tokens: 2_000,
        cache_creation: { ephemeral_5m_input_tokens: 1_500, ephemeral_1h_input_tokens: 500 },
        output_tokens: 300,
      },
    });
    // 50×3e-6 + 10000×3e-7 + 1500×3.75e-6 + 500×6e-6 + 300×1.5e-5
    expect(result?.costDetails).toEqual({
      input: 0.00015,
      input_cached: 0.003,
      input_cache_write_5m: 0.005625,
      input_cache_write_1h: 0.003,
      output: 0.0045,
      total: 0.016275,
    });
  });

  it("cache writes without a TTL breakdown use the generic cache-write price (Bedrock model id)", () => {
    const result = costOf("us.anthropic.claude-sonnet-4-5-20250929-v1:0", {
      usageDetails: { input_tokens: 50, cache_read_input_tokens: 10_000, cache_creation_input_tokens: 2_000, output_tokens: 300 },
    });
    // 50×3e-6 + 10000×3e-7 + 2000×3.75e-6 + 300×1.5e-5
    expect(result?.costDetails).toEqual({ input: 0.00015, input_cached: 0.003, input_cache_write: 0.0075, output: 0.0045, total: 0.01515 });
  });

  it("an older model without cache prices charges cache traffic at the input price (claude-3-haiku)", () => {
    const result = costOf("claude-3-haiku-20240307", {
      usageDetails: { input_tokens: 100, cache_read_input_tokens: 1000, cache_creation_input_tokens: 400, output_tokens: 10 },
    });
    // (100 + 1000 + 400) × 2.5e-7 + 10 × 1.25e-6
    expect(result?.costDetails).toEqual({
      input: 0.000025,
      input_cached: 0.00025,
      input_cache_write: 0.0001,
      output: 0.0000125,
      total: 0.0003875,
    });
  });
});

describe("calculateCost — Google", () => {
  it("cached + thoughts (gemini-2.5-flash): promptTokenCount includes the cache, thoughts are extra output", () => {
    const result = costOf("gemini-2.5-flash", {
      usageDetails: {
        promptTokenCount: 12_000,
        cachedContentTokenCount: 8_000,
        candidatesTokenCount: 500,
        thoughtsTokenCount: 1_500,
        totalTokenCount: 14_000,
      },
    });
    // 4000×3e-7 + 8000×3e-8 + 500×2.5e-6 + 1500×2.5e-6
    expect(result?.costDetails).toEqual({
      input: 0.0012,
      input_cached: 0.00024,
      output: 0.00125,
      output_reasoning: 0.00375,
      total: 0.00644,
    });
  });

  it("audio input has its own price", () => {
    const result = costOf("gemini-2.5-flash", {
      usageDetails: {
        prompt_token_count: 3000,
        candidates_token_count: 100,
        total_token_count: 3100,
        prompt_tokens_details: [
          { modality: "TEXT", token_count: 1000 },
          { modality: "AUDIO", token_count: 2000 },
        ],
      },
    });
    // 1000×3e-7 + 2000×1e-6 + 100×2.5e-6
    expect(result?.costDetails).toEqual({ input: 0.0003, input_audio: 0.002, output: 0.00025, total: 0.00255 });
  });

  it("web search / grounding queries are priced per query", () => {
    const result = costOf("gemini-3-pro-preview", { usageDetails: { input: 1000, output: 100, groundingQueries: 2 } });
    // 1000×2e-6 + 100×1.2e-5 + 2×0.014
    expect(result?.costDetails).toEqual({ input: 0.002, output: 0.0012, web_search: 0.028, total: 0.0312 });
  });
});

describe("selectPricingTier", () => {
  const gpt4o = builtin("gpt-4o");
  const usage = { input: 1000, output: 100, total: 1100 };

  it("selects the Fast mode tier by model_parameters.service_tier", () => {
    expect(selectPricingTier(gpt4o, usage, { modelParameters: { service_tier: "priority" } })?.name).toBe("Fast mode");
    expect(selectPricingTier(gpt4o, usage, { modelParameters: { service_tier: "fast" } })?.name).toBe("Fast mode");
    expect(selectPricingTier(gpt4o, usage, { modelParameters: { service_tier: "default" } })?.name).toBe("Standard");
    expect(selectPricingTier(gpt4o, usage, { modelParameters: { service_tier: "PRIORITY" } })?.name).toBe("Standard");
    expect(selectPricingTier(gpt4o, usage, { metadata: { service_tier: "priority" } })?.name).toBe("Standard");
    expect(selectPricingTier(gpt4o, usage, {})?.name).toBe("Standard");
    expect(selectPricingTier(gpt4o, usage)?.name).toBe("Standard");
  });

  it("prices the Fast mode tier", () => {
    const result = costOf("gpt-4o", { usage: { input: 1000, output: 100 } }, { service_tier: "priority", temperature: 0.2 });
    // 1000 × 4.25e-6 + 100 × 1.7e-5
    expect(result).toMatchObject({
      tierName: "Fast mode",
      totalCost: 0.00595,
      costDetails: { input: 0.00425, output: 0.0017, total: 0.00595 },
    });
  });

  it("selects Anthropic fast mode by model_parameters.speed", () => {
    const opus = builtin("claude-opus-4-8");
    expect(selectPricingTier(opus, usage, { modelParameters: { speed: "fast" } })?.name).toBe("Fast mode");
    expect(selectPricingTier(opus, usage, { modelParameters: { service_tier: "fast" } })?.name).toBe("Standard");
  });

  it("selects the long-context tier by a usage threshold on all input keys (gemini-2.5-pro > 200K)", () => {
    const pro = builtin("gemini-2.5-pro");
    expect(selectPricingTier(pro, { input: 150_000, input_cached: 50_001, output: 10 })?.name).toBe("Large Context");
    expect(selectPricingTier(pro, { input: 150_000, input_cached: 50_000, output: 10 })?.name).toBe("Standard");
    expect(selectPricingTier(pro, { input: 10, output: 500_000 })?.name).toBe("Standard");
    expect(selectPricingTier(pro, null)?.name).toBe("Standard");

    const result = costOf("gemini-2.5-pro", {
      usageDetails: { promptTokenCount: 250_000, cachedContentTokenCount: 50_000, candidatesTokenCount: 1_000, totalTokenCount: 251_000 },
    });
    // 200000 × 2.5e-6 + 50000 × 2.5e-7 + 1000 × 1.5e-5
    expect(result).toMatchObject({
      tierName: "Large Context",
      costDetails: { input: 0.5, input_cached: 0.0125, output: 0.015, total: 0.5275 },
    });
  });

  it("evaluates combined conditions in priority order (gpt-5.4)", () => {
    const model = builtin("gpt-5.4");
    const big = { input: 200_000, input_cached: 80_000, output: 10 };
    const small = { input: 1000, output: 10 };
    expect(selectPricingTier(model, big, { modelParameters: { service_tier: "flex" } })?.name).toBe("Flex · Large context (>272K)");
    expect(selectPricingTier(model, small, { modelParameters: { service_tier: "flex" } })?.name).toBe("Flex");
    expect(selectPricingTier(model, big, { modelParameters: { service_tier: "priority" } })?.name).toBe("Fast mode");
    expect(selectPricingTier(model, big)?.name).toBe("Large Context (>272K)");
    expect(selectPricingTier(model, small)?.name).toBe("Standard");
  });

  it("supports every threshold operator, case sensitivity and metadata / array values", () => {
    const tiers = (condition: Record<string, unknown>): Pick<ModelDefinition, "tiers"> => ({
      tiers: [
        { name: "Standard", isDefault: true, priority: 0, conditions: [], prices: { input: 1 } },
        { name: "Special", isDefault: false, priority: 1, conditions: [condition as never], prices: { input: 2 } },
      ],
    });
    const u = { input: 10, Input_Extra: 5, output: 1 };
    const name = (condition: Record<string, unknown>, context = {}) => selectPricingTier(tiers(condition), u, context)?.name;
    expect(name({ usageDetailPattern: "input", operator: "eq", value: 15, caseSensitive: false })).toBe("Special");
    expect(name({ usageDetailPattern: "input", operator: "eq", value: 10, caseSensitive: true })).toBe("Special");
    expect(name({ usageDetailPattern: "input", operator: "neq", value: 15, caseSensitive: false })).toBe("Standard");
    expect(name({ usageDetailPattern: "input", operator: "gte", value: 15, caseSensitive: false })).toBe("Special");
    expect(name({ usageDetailPattern: "input", operator: "lt", value: 15, caseSensitive: false })).toBe("Standard");
    expect(name({ usageDetailPattern: "input", operator: "lte", value: 15, caseSensitive: false })).toBe("Special");
    expect(name({ usageDetailPattern: "^output$", operator: "gt", value: 0, caseSensitive: false })).toBe("Special");
    expect(name({ usageDetailPattern: "(broken", operator: "gt", value: 0, caseSensitive: false })).toBe("Standard");
    expect(name({ source: "metadata", key: "plan", operator: "in", values: ["pro"] }, { metadata: { plan: "pro" } })).toBe("Special");
    expect(name({ source: "metadata", key: "plan", operator: "in", values: ["pro"] }, { metadata: { plan: ["free", "pro"] } })).toBe(
      "Special",
    );
    expect(name({ source: "metadata", key: "n", operator: "in", values: ["2"] }, { metadata: { n: 2 } })).toBe("Special");
    expect(name({ source: "metadata", key: "plan", operator: "in", values: ["pro"] }, { metadata: { plan: { nested: "pro" } } })).toBe(
      "Standard",
    );
    expect(name({ source: "metadata", key: "toString", operator: "in", values: ["x"] }, { metadata: {} })).toBe("Standard");
    expect(name({ source: "model_parameters", key: "x", operator: "in", values: ["1"] }, { modelParameters: "garbage" })).toBe("Standard");
  });
});

describe("calculateCost — provided cost and edge cases", () => {
  it("provided cost wins verbatim over the model price", () => {
    const result = costOf("gpt-4o", { usage: { input: 1000, output: 100, inputCost: 0.5, outputCost: 1 } });
    expect(result).toEqual({
      costDetails: { input: 0.5, output: 1, total: 1.5 },
      totalCost: 1.5,
      source: "provided",
      modelId: "builtin-gpt-4o",
    });
    expect(costOf("unknown-model", { usageDetails: { input: 1 }, costDetails: { total: 0.25 } })).toEqual({
      costDetails: { total: 0.25 },
      totalCost: 0.25,
      source: "provided",
    });
  });

  it("a provided cost of zero still wins", () => {
    expect(costOf("gpt-4o", { usage: { input: 1000 }, costDetails: { total: 0 } })).toMatchObject({ totalCost: 0, source: "provided" });
  });

  it("returns null when there is no model, no usage, or nothing priced", () => {
    expect(costOf("unknown-model", { usage: { input: 10, output: 5 } })).toBeNull();
    expect(costOf("gpt-4o", {})).toBeNull();
    expect(calculateCost({ usage: { input: 10 }, model: null })).toBeNull();
    expect(calculateCost({ usage: { characters: 10 }, model: builtin("gpt-4o") })).toBeNull();
    expect(calculateCost({ usage: {}, model: builtin("gpt-4o") })).toBeNull();
    expect(calculateCost({})).toBeNull();
  });

  it("prices Langfuse-style keys of project models through synonyms, exact canonical keys first", () => {
    const project: ModelDefinition = {
      id: "p1",
      source: "project",
      modelName: "my-model",
      matchPattern: "^my-model$",
      startDate: null,
      tokenizerId: null,
      tokenizerConfig: null,
      priceUpdated: null,
      provenance: null,
      tiers: [
        {
          name: "Standard",
          isDefault: true,
          priority: 0,
          conditions: [],
          prices: { input_cached_tokens: 1e-7, input: 1e-6, input_tokens: 9, output_tokens: 2e-6, characters: 0.001 },
        },
      ],
    };
    const result = calculateCost({ usage: { input: 100, input_cached: 1000, output: 10, characters: 3, total: 1110 }, model: project });
    // 100×1e-6 + 1000×1e-7 + 10×2e-6 + 3×0.001
    expect(result).toEqual({
      costDetails: { input: 0.0001, input_cached: 0.0001, output: 0.00002, characters: 0.003, total: 0.00322 },
      totalCost: 0.00322,
      source: "calculated",
      tierName: "Standard",
      modelId: "p1",
    });
  });

  it("ignores garbage usage values and garbage context without throwing", () => {
    const usage = { input: Number.NaN, output: -5, input_cached: Number.POSITIVE_INFINITY, output_reasoning: 10 } as Record<string, number>;
    expect(calculateCost({ usage, model: builtin("o3"), modelParameters: [1, 2], metadata: "x" })).toMatchObject({
      costDetails: { output_reasoning: 0.00008, total: 0.00008 },
    });
    expect(() => calculateCost({ usage: null, providedCost: null, model: null })).not.toThrow();
  });

  it("avoids float noise", () => {
    expect(roundCost(0.1 + 0.2)).toBe(0.3);
    expect(roundCost(2.5e-6 * 1000)).toBe(0.0025);
    expect(roundCost(-0)).toBe(0);
    const result = calculateCost({ usage: { input: 3, output: 7 }, model: builtin("gpt-4o-mini") });
    // 3×1.5e-7 + 7×6e-7 = 4.5e-7 + 4.2e-6
    expect(result?.totalCost).toBe(0.00000465);
  });
});

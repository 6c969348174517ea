import { describe, expect, it } from "vitest";
import { inputUsage, outputUsage, totalUsage } from "./aggregate-usage.ts";
import {
  CANONICAL_USAGE,
  CANONICAL_USAGE_KEYS,
  canonicalizeUsageKey,
  canonicalUsageKey,
  isCanonicalUsageKey,
  isTokenUsageKey,
  priceFallbackChain,
  usageKeyKind,
} from "./canonical-usage.ts";

describe("canonical usage vocabulary", () => {
  it("has the documented keys in display order", () => {
    expect(CANONICAL_USAGE_KEYS).toEqual([
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
    ]);
  });

  it("keeps every input-ish key prefixed input_ and every output-ish key prefixed output_ (Langfuse aggregation rule)", () => {
    for (const key of CANONICAL_USAGE_KEYS) {
      const { kind } = CANONICAL_USAGE[key];
      if (kind === "input") expect(key.startsWith("input")).toBe(true);
      if (kind === "output") expect(key.startsWith("output")).toBe(true);
      if (kind === "other" || kind === "total") expect(/input|output/.test(key)).toBe(false);
    }
  });

  it.each([
    ["prompt_tokens", "input"],
    ["promptTokens", "input"],
    ["promptTokenCount", "input"],
    ["prompt_token_count", "input"],
    ["input_tokens", "input"],
    ["inputTokens", "input"],
    ["input_text_tokens", "input"],
    ["input_modality_1", "input"],
    ["input_cached_tokens", "input_cached"],
    ["cache_read_input_tokens", "input_cached"],
    ["cacheReadInputTokens", "input_cached"],
    ["cachedContentTokenCount", "input_cached"],
    ["input_cache_read", "input_cached"],
    ["input_cached_text_tokens", "input_cached"],
    ["input_cached_audio_tokens", "input_cached_audio"],
    ["cache_creation_input_tokens", "input_cache_write"],
    ["input_cache_creation", "input_cache_write"],
    ["cache_write_tokens", "input_cache_write"],
    ["cacheWriteInputTokens", "input_cache_write"],
    ["input_cache_creation_5m", "input_cache_write_5m"],
    ["ephemeral_1h_input_tokens", "input_cache_write_1h"],
    ["input_audio_tokens", "input_audio"],
    ["completion_tokens", "output"],
    ["completionTokens", "output"],
    ["candidatesTokenCount", "output"],
    ["output_text_tokens", "output"],
    ["reasoning_tokens", "output_reasoning"],
    ["output_reasoning_tokens", "output_reasoning"],
    ["thoughtsTokenCount", "output_reasoning"],
    ["thoughts_token_count", "output_reasoning"],
    ["output_audio_tokens", "output_audio"],
    ["totalTokens", "total"],
    ["total_tokens", "total"],
    ["groundingQueries", "web_search"],
    ["web_search_queries", "web_search"],
    ["INPUT", "input"],
    ["Prompt-Token-Count", "input"],
  ])("maps %s → %s", (raw, canonical) => {
    expect(canonicalUsageKey(raw)).toBe(canonical);
    expect(canonicalizeUsageKey(raw)).toBe(canonical);
  });

  it("maps every canonical key to itself and leaves unknown keys unchanged", () => {
    for (const key of CANONICAL_USAGE_KEYS) expect(canonicalUsageKey(key)).toBe(key);
    expect(canonicalUsageKey("characters")).toBeNull();
    expect(canonicalizeUsageKey("my_custom_unit")).toBe("my_custom_unit");
    expect(isCanonicalUsageKey("input")).toBe(true);
    expect(isCanonicalUsageKey("toString")).toBe(false);
    expect(isCanonicalUsageKey(42)).toBe(false);
  });

  it("never lets one synonym stand for two canonical keys", () => {
    const seen = new Map<string, string>();
    for (const key of CANONICAL_USAGE_KEYS) {
      for (const alias of [key, ...CANONICAL_USAGE[key].synonyms]) {
        const squashed = alias.toLowerCase().replace(/[^a-z0-9]/g, "");
        expect(seen.get(squashed) ?? key).toBe(key);
        seen.set(squashed, key);
      }
    }
  });

  it("classifies keys by kind and unit, free-form keys by substring", () => {
    expect(usageKeyKind("input_cache_write_1h")).toBe("input");
    expect(usageKeyKind("output_reasoning")).toBe("output");
    expect(usageKeyKind("total")).toBe("total");
    expect(usageKeyKind("web_search")).toBe("other");
    expect(usageKeyKind("custom_input_thing")).toBe("input");
    expect(usageKeyKind("Custom_Output")).toBe("output");
    expect(usageKeyKind("requests")).toBe("other");
    expect(isTokenUsageKey("web_search")).toBe(false);
    expect(isTokenUsageKey("input")).toBe(true);
    expect(isTokenUsageKey("anything_else")).toBe(true);
  });

  it("defines price fallback chains that end at a base price", () => {
    expect(priceFallbackChain("input")).toEqual(["input"]);
    expect(priceFallbackChain("input_cached")).toEqual(["input_cached", "input"]);
    expect(priceFallbackChain("input_cache_write_1h")).toEqual(["input_cache_write_1h", "input_cache_write", "input"]);
    expect(priceFallbackChain("input_cached_audio")).toEqual(["input_cached_audio", "input_audio", "input"]);
    expect(priceFallbackChain("output_reasoning")).toEqual(["output_reasoning", "output"]);
    expect(priceFallbackChain("web_search")).toEqual(["web_search"]);
    expect(priceFallbackChain("custom")).toEqual(["custom"]);
    for (const key of CANONICAL_USAGE_KEYS) {
      const chain = priceFallbackChain(key);
      for (const step of chain) expect(isCanonicalUsageKey(step)).toBe(true);
      const last = chain[chain.length - 1];
      expect(["input", "output", "total", "web_search"]).toContain(last);
    }
  });
});

describe("usage aggregates for display", () => {
  const usage = {
    input: 100,
    input_cached: 900,
    input_cache_write_5m: 50,
    output: 20,
    output_reasoning: 80,
    web_search: 2,
    custom_input_pages: 3,
    total: 1150,
  };

  it("sums input-ish and output-ish keys, ignoring total and non-token units", () => {
    expect(inputUsage(usage)).toBe(1053);
    expect(outputUsage(usage)).toBe(100);
    expect(totalUsage(usage)).toBe(1150);
  });

  it("falls back to input + output when total is absent, and tolerates empty input", () => {
    expect(totalUsage({ input: 3, output: 4 })).toBe(7);
    expect(inputUsage(null)).toBe(0);
    expect(outputUsage(undefined)).toBe(0);
    expect(totalUsage({})).toBe(0);
    expect(inputUsage({ input: Number.NaN, input_cached: 2 })).toBe(2);
  });
});

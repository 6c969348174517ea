import { describe, expect, it } from "vitest";
import { inputUsage, outputUsage } from "./aggregate-usage.ts";
import { normalizeLegacyUsage, normalizeProvidedCost, normalizeUsage, normalizeUsageDetails } from "./normalize-usage.ts";

/** Sum of all token keys except total: must equal total for provider objects (no double counting). */
const partsSum = (u: Record<string, number>) =>
  Object.entries(u)
    .filter(([k]) => k !== "total" && k !== "web_search")
    .reduce((acc, [, v]) => acc + v, 0);

describe("normalizeUsage — legacy usage", () => {
  it("reads {input, output, total}", () => {
    expect(normalizeUsage({ usage: { input: 10, output: 5, total: 15, unit: "TOKENS" } })).toEqual({ input: 10, output: 5, total: 15 });
  });

  it("converts OpenAI camelCase {promptTokens, completionTokens, totalTokens}", () => {
    expect(normalizeUsage({ usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 } })).toEqual({
      input: 10,
      output: 5,
      total: 15,
    });
  });

  it("computes total = input + output when absent, and never lets total be below the sum of its parts", () => {
    expect(normalizeUsage({ usage: { input: 10, output: 5 } })).toEqual({ input: 10, output: 5, total: 15 });
    expect(normalizeUsage({ usage: { input: 7 } })).toEqual({ input: 7, total: 7 });
    expect(normalizeUsage({ usage: { input: 10, output: 5, total: 3 } })).toEqual({ input: 10, output: 5, total: 15 });
    expect(normalizeUsage({ usage: { total: 42 } })).toEqual({ total: 42 });
  });

  it("treats an empty object (or costs only) as absent", () => {
    expect(normalizeUsage({ usage: {} })).toBeNull();
    expect(normalizeUsage({ usage: { inputCost: 1, outputCost: 2, unit: "TOKENS" } })).toBeNull();
  });

  it("reads a provider object sent in the legacy field like usageDetails", () => {
    expect(
      normalizeLegacyUsage({ prompt_tokens: 100, completion_tokens: 10, total_tokens: 110, prompt_tokens_details: { cached_tokens: 40 } }),
    ).toEqual({
      input: 60,
      input_cached: 40,
      output: 10,
      total: 110,
    });
  });
});

describe("normalizeUsage — OpenAI Chat Completions usage", () => {
  it("subtracts cached and audio tokens from prompt_tokens and reasoning from completion_tokens", () => {
    const usage = normalizeUsage({
      usageDetails: {
        prompt_tokens: 1000,
        completion_tokens: 500,
        total_tokens: 1500,
        prompt_tokens_details: { cached_tokens: 200, audio_tokens: 50 },
        completion_tokens_details: { reasoning_tokens: 100, audio_tokens: 0, accepted_prediction_tokens: 7, rejected_prediction_tokens: 3 },
      },
    });
    expect(usage).toEqual({ input: 750, input_cached: 200, input_audio: 50, output: 400, output_reasoning: 100, total: 1500 });
    expect(partsSum(usage as Record<string, number>)).toBe(1500);
    expect(inputUsage(usage)).toBe(1000);
    expect(outputUsage(usage)).toBe(500);
  });

  it("omits zero details and floors at zero when details exceed the headline count", () => {
    expect(
      normalizeUsageDetails({
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      }),
    ).toEqual({ input: 10, output: 5, total: 15 });
    expect(normalizeUsageDetails({ prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 30 } })).toEqual({
      input: 0,
      input_cached: 30,
      output: 5,
      total: 35,
    });
  });

  it("accepts the object without total_tokens (total = prompt + completion)", () => {
    expect(normalizeUsageDetails({ prompt_tokens: 8, completion_tokens: 2 })).toEqual({ input: 8, output: 2, total: 10 });
  });

  it("does not subtract reasoning that a provider reports on top of completion_tokens (xAI style, proven by total)", () => {
    expect(
      normalizeUsageDetails({
        prompt_tokens: 100,
        completion_tokens: 50,
        total_tokens: 350,
        completion_tokens_details: { reasoning_tokens: 200 },
      }),
    ).toEqual({ input: 100, output: 50, output_reasoning: 200, total: 350 });
  });

  it("reads DeepSeek prompt_cache_hit_tokens as cache reads included in prompt_tokens", () => {
    expect(
      normalizeUsageDetails({
        prompt_tokens: 1000,
        completion_tokens: 100,
        total_tokens: 1100,
        prompt_cache_hit_tokens: 600,
        prompt_cache_miss_tokens: 400,
      }),
    ).toEqual({ input: 400, input_cached: 600, output: 100, total: 1100 });
  });

  it("counts LiteLLM's duplicated cache fields once", () => {
    expect(
      normalizeUsageDetails({
        prompt_tokens: 1000,
        completion_tokens: 10,
        total_tokens: 1010,
        prompt_tokens_details: { cached_tokens: 600 },
        cache_read_input_tokens: 600,
        cache_creation_input_tokens: 100,
      }),
    ).toEqual({ input: 300, input_cached: 600, input_cache_write: 100, output: 10, total: 1010 });
  });

  it("drops floats and other non-integer fields of OpenAI-compatible usage (Groq timings)", () => {
    expect(
      normalizeUsageDetails({
        prompt_tokens: 20,
        completion_tokens: 4,
        total_tokens: 24,
        queue_time: 0.01,
        prompt_time: 0.002,
        total_time: 0.3,
      }),
    ).toEqual({ input: 20, output: 4, total: 24 });
  });
});

describe("normalizeUsage — OpenAI Responses / Realtime usage", () => {
  it("subtracts input_tokens_details.cached_tokens and output_tokens_details.reasoning_tokens", () => {
    const usage = normalizeUsage({
      usageDetails: {
        input_tokens: 2000,
        input_tokens_details: { cached_tokens: 1500 },
        output_tokens: 800,
        output_tokens_details: { reasoning_tokens: 600 },
        total_tokens: 2800,
      },
    });
    expect(usage).toEqual({ input: 500, input_cached: 1500, output: 200, output_reasoning: 600, total: 2800 });
  });

  it("splits Realtime cached audio/text and audio output without double counting", () => {
    const usage = normalizeUsageDetails({
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
    });
    expect(usage).toEqual({
      input: 300,
      input_cached: 100,
      input_cached_audio: 200,
      input_audio: 400,
      output: 100,
      output_audio: 400,
      total: 1500,
    });
    expect(partsSum(usage as Record<string, number>)).toBe(1500);
  });

  it("splits image tokens (gpt-image style usage)", () => {
    expect(
      normalizeUsageDetails({
        input_tokens: 300,
        input_tokens_details: { text_tokens: 50, image_tokens: 250 },
        output_tokens: 4160,
        output_tokens_details: { image_tokens: 4160 },
        total_tokens: 4460,
      }),
    ).toEqual({ input: 50, input_image: 250, output: 0, output_image: 4160, total: 4460 });
  });
});

describe("normalizeUsage — Anthropic usage", () => {
  it("does not subtract cache reads/writes: input_tokens already excludes them", () => {
    const usage = normalizeUsage({
      usageDetails: {
        input_tokens: 50,
        cache_read_input_tokens: 10000,
        cache_creation_input_tokens: 2000,
        output_tokens: 300,
        service_tier: "standard",
      },
    });
    expect(usage).toEqual({ input: 50, input_cached: 10000, input_cache_write: 2000, output: 300, total: 12350 });
  });

  it("splits cache writes by TTL from cache_creation and reads server tool use", () => {
    const usage = normalizeUsageDetails({
      input_tokens: 50,
      cache_read_input_tokens: 10000,
      cache_creation_input_tokens: 2000,
      cache_creation: { ephemeral_5m_input_tokens: 1500, ephemeral_1h_input_tokens: 500 },
      output_tokens: 300,
      server_tool_use: { web_search_requests: 3 },
    });
    expect(usage).toEqual({
      input: 50,
      input_cached: 10000,
      input_cache_write_5m: 1500,
      input_cache_write_1h: 500,
      output: 300,
      total: 12350,
      web_search: 3,
    });
  });

  it("keeps an unexplained remainder of cache writes as generic cache writes", () => {
    expect(
      normalizeUsageDetails({
        input_tokens: 1,
        output_tokens: 1,
        cache_creation_input_tokens: 100,
        cache_creation: { ephemeral_5m_input_tokens: 60 },
      }),
    ).toEqual({ input: 1, input_cache_write: 40, input_cache_write_5m: 60, output: 1, total: 102 });
  });
});

describe("normalizeUsage — Google Gemini / Vertex usage", () => {
  it("subtracts cachedContentTokenCount from promptTokenCount; thoughts are separate from candidates", () => {
    const usage = normalizeUsage({
      usageDetails: {
        promptTokenCount: 12000,
        cachedContentTokenCount: 8000,
        candidatesTokenCount: 500,
        thoughtsTokenCount: 1500,
        totalTokenCount: 14000,
      },
    });
    expect(usage).toEqual({ input: 4000, input_cached: 8000, output: 500, output_reasoning: 1500, total: 14000 });
  });

  it("reads the snake_case form identically", () => {
    expect(
      normalizeUsageDetails({
        prompt_token_count: 12000,
        cached_content_token_count: 8000,
        candidates_token_count: 500,
        thoughts_token_count: 1500,
        total_token_count: 14000,
      }),
    ).toEqual({ input: 4000, input_cached: 8000, output: 500, output_reasoning: 1500, total: 14000 });
  });

  it("splits modalities and counts tool-use prompt tokens as input", () => {
    const usage = normalizeUsageDetails({
      promptTokenCount: 3000,
      candidatesTokenCount: 100,
      toolUsePromptTokenCount: 40,
      totalTokenCount: 3140,
      promptTokensDetails: [
        { modality: "TEXT", tokenCount: 700 },
        { modality: "AUDIO", tokenCount: 2000 },
        { modality: "IMAGE", tokenCount: 300 },
      ],
      candidatesTokensDetails: [{ modality: "TEXT", tokenCount: 100 }],
    });
    expect(usage).toEqual({ input: 740, input_audio: 2000, input_image: 300, output: 100, total: 3140 });
  });

  it("accepts numeric modality enums (proto form) and cached modality details", () => {
    expect(
      normalizeUsageDetails({
        prompt_token_count: 1000,
        cached_content_token_count: 600,
        candidates_token_count: 10,
        total_token_count: 1010,
        prompt_tokens_details: [
          { modality: 1, token_count: 400 },
          { modality: 4, token_count: 600 },
        ],
        cache_tokens_details: [{ modality: 4, token_count: 600 }],
      }),
    ).toEqual({ input: 400, input_cached_audio: 600, output: 10, total: 1010 });
  });

  it("takes thoughts out of candidates when the total proves they were included", () => {
    expect(
      normalizeUsageDetails({ promptTokenCount: 100, candidatesTokenCount: 500, thoughtsTokenCount: 300, totalTokenCount: 600 }),
    ).toEqual({
      input: 100,
      output: 200,
      output_reasoning: 300,
      total: 600,
    });
  });
});

describe("normalizeUsage — other shapes", () => {
  it("reads Bedrock Converse camelCase usage (cache counts are disjoint)", () => {
    expect(
      normalizeUsageDetails({
        inputTokens: 13,
        outputTokens: 40,
        totalTokens: 1553,
        cacheReadInputTokens: 1000,
        cacheWriteInputTokens: 500,
      }),
    ).toEqual({ input: 13, input_cached: 1000, input_cache_write: 500, output: 40, total: 1553 });
  });

  it("reads Vercel AI SDK v6 usage with token details", () => {
    expect(
      normalizeUsageDetails({
        inputTokens: 1000,
        inputTokenDetails: { noCacheTokens: 300, cacheReadTokens: 600, cacheWriteTokens: 100 },
        outputTokens: 200,
        outputTokenDetails: { textTokens: 50, reasoningTokens: 150 },
        totalTokens: 1200,
      }),
    ).toEqual({ input: 300, input_cached: 600, input_cache_write: 100, output: 50, output_reasoning: 150, total: 1200 });
  });

  it("reads Vercel AI SDK v5 usage (cachedInputTokens / reasoningTokens included in the headline counts)", () => {
    expect(
      normalizeUsageDetails({ inputTokens: 1000, outputTokens: 200, totalTokens: 1200, cachedInputTokens: 600, reasoningTokens: 150 }),
    ).toEqual({
      input: 400,
      input_cached: 600,
      output: 50,
      output_reasoning: 150,
      total: 1200,
    });
  });
});

describe("normalizeUsage — flat maps", () => {
  it("maps synonyms to canonical keys and keeps unknown keys", () => {
    expect(
      normalizeUsage({ usageDetails: { input: 80, input_cached_tokens: 20, output: 30, output_reasoning_tokens: 10, characters: 7 } }),
    ).toEqual({ input: 80, input_cached: 20, output: 30, output_reasoning: 10, total: 147, characters: 7 });
  });

  it("keeps non-negative integers and integer strings, drops everything else", () => {
    expect(
      normalizeUsageDetails({
        input: "42",
        output: " 7 ",
        a: -1,
        b: 1.5,
        c: "1.5",
        d: "abc",
        e: true,
        f: null,
        g: { x: 1 },
        h: [1],
        i: Number.NaN,
        j: Number.POSITIVE_INFINITY,
        k: "-3",
        l: 2 ** 60,
      }),
    ).toEqual({
      input: 42,
      output: 7,
      total: 49,
    });
  });

  it("treats repeated synonyms as one quantity (max, not sum)", () => {
    expect(normalizeUsageDetails({ input: 100, input_tokens: 100, prompt: 90, input_text_tokens: 60 })).toEqual({ input: 100, total: 100 });
  });

  it("reads langchain-style maps where the generic cache write includes its TTL breakdown", () => {
    expect(
      normalizeUsageDetails({
        input: 10,
        input_cache_read: 500,
        input_cache_creation: 300,
        input_ephemeral_5m_input_tokens: 200,
        input_ephemeral_1h_input_tokens: 100,
        output: 20,
      }),
    ).toEqual({ input: 10, input_cached: 500, input_cache_write_5m: 200, input_cache_write_1h: 100, output: 20, total: 830 });
  });

  it("uses an explicit total when it is larger than the sum, and does not sum non-token units", () => {
    expect(normalizeUsageDetails({ input: 10, output: 5, total: 20 })).toEqual({ input: 10, output: 5, total: 20 });
    expect(normalizeUsageDetails({ input: 10, output: 5, web_search_queries: 2 })).toEqual({
      input: 10,
      output: 5,
      total: 15,
      web_search: 2,
    });
  });

  it("ignores __proto__ keys (no prototype pollution)", () => {
    const raw = JSON.parse('{"__proto__": 5, "input": 1}');
    const usage = normalizeUsageDetails(raw);
    expect(usage).toEqual({ input: 1, total: 1 });
    expect(Object.getPrototypeOf(usage)).toBe(Object.prototype);
    expect(normalizeUsageDetails({ constructor: 3, toString: 4 })).toEqual({ total: 7, constructor: 3, toString: 4 });
  });
});

describe("normalizeUsage — combining usage and usageDetails", () => {
  it("lets usageDetails win per key and keeps legacy keys it does not mention", () => {
    expect(normalizeUsage({ usage: { input: 100, output: 50, total: 150 }, usageDetails: { input: 80, input_cached: 20 } })).toEqual({
      input: 80,
      input_cached: 20,
      output: 50,
      total: 150,
    });
  });

  it("prefers the usageDetails total over the legacy total", () => {
    expect(
      normalizeUsage({
        usage: { input: 1, output: 1, total: 2 },
        usageDetails: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
      }),
    ).toEqual({ input: 100, output: 50, total: 150 });
  });

  it("falls back to legacy usage when usageDetails is unusable", () => {
    expect(normalizeUsage({ usage: { input: 3, output: 4 }, usageDetails: { junk: "x" } })).toEqual({ input: 3, output: 4, total: 7 });
  });
});

describe("normalizeUsage — garbage never throws", () => {
  const garbage: unknown[] = [
    undefined,
    null,
    0,
    -1,
    Number.NaN,
    "usage",
    '{"input":1}',
    true,
    [],
    [1, 2],
    {},
    { input: -1 },
    { input: Number.NaN, output: "many" },
    { prompt_tokens: "-5", completion_tokens: null, prompt_tokens_details: "x", completion_tokens_details: [1] },
    { input_tokens: { nested: { deep: 1 } }, cache_read_input_tokens: -3, cache_creation: [] },
    { promptTokenCount: 1.5, promptTokensDetails: [null, 1, { modality: {}, tokenCount: "x" }, { modality: 99, tokenCount: 3 }] },
    { inputTokens: -1, inputTokenDetails: null, outputTokenDetails: "x", reasoningTokens: "y" },
    new Date(),
    () => 1,
  ];

  it.each(garbage.map((g) => [g]))("normalizeUsage({usage, usageDetails} = %s) does not throw", (value) => {
    expect(() => normalizeUsage({ usage: value, usageDetails: value })).not.toThrow();
    expect(() => normalizeProvidedCost({ usage: value, costDetails: value })).not.toThrow();
    const result = normalizeUsage({ usage: value, usageDetails: value });
    if (result) for (const v of Object.values(result)) expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
  });

  it("returns null for absent or unusable input", () => {
    expect(normalizeUsage({})).toBeNull();
    expect(normalizeUsage(null)).toBeNull();
    expect(normalizeUsage(undefined)).toBeNull();
    expect(normalizeUsage({ usage: "x", usageDetails: 5 })).toBeNull();
    expect(normalizeUsage({ usage: [], usageDetails: [] })).toBeNull();
    expect(normalizeUsage({ usageDetails: { input: -1, output: Number.NaN, total: "abc", x: { nested: 1 } } })).toBeNull();
  });

  it("drops bad provider fields but keeps the good ones", () => {
    expect(
      normalizeUsageDetails({
        prompt_tokens: 100,
        completion_tokens: -5,
        total_tokens: "abc",
        prompt_tokens_details: { cached_tokens: "20", audio_tokens: -1 },
      }),
    ).toEqual({ input: 80, input_cached: 20, output: 0, total: 100 });
  });
});

describe("normalizeProvidedCost", () => {
  it("reads usage.inputCost/outputCost/totalCost", () => {
    expect(normalizeProvidedCost({ usage: { input: 1, inputCost: 0.01, outputCost: 0.02, totalCost: 0.03 } })).toEqual({
      input: 0.01,
      output: 0.02,
      total: 0.03,
    });
  });

  it("computes total as the sum of the provided components when absent (no float noise)", () => {
    expect(normalizeProvidedCost({ usage: { inputCost: 0.1, outputCost: 0.2 } })).toEqual({ input: 0.1, output: 0.2, total: 0.3 });
    expect(normalizeProvidedCost({ costDetails: { input: 0.001, input_cached_tokens: 0.0005, output: 0.002 } })).toEqual({
      input: 0.001,
      input_cached: 0.0005,
      output: 0.002,
      total: 0.0035,
    });
  });

  it("overlays costDetails on usage costs", () => {
    expect(
      normalizeProvidedCost({ usage: { inputCost: 1, outputCost: 2, totalCost: 3 }, costDetails: { input: 1.5, total: 3.5 } }),
    ).toEqual({
      input: 1.5,
      output: 2,
      total: 3.5,
    });
  });

  it("keeps non-negative finite numbers and numeric strings, drops the rest", () => {
    expect(
      normalizeProvidedCost({ costDetails: { input: -1, output: "0.5", a: Number.NaN, b: Number.POSITIVE_INFINITY, c: {}, d: "x", e: 0 } }),
    ).toEqual({
      output: 0.5,
      e: 0,
      total: 0.5,
    });
    expect(normalizeProvidedCost({ costDetails: { total: 0 } })).toEqual({ total: 0 });
  });

  it("returns null when no cost was provided", () => {
    expect(normalizeProvidedCost({})).toBeNull();
    expect(normalizeProvidedCost({ usage: { input: 10, output: 5 } })).toBeNull();
    expect(normalizeProvidedCost({ costDetails: {} })).toBeNull();
    expect(normalizeProvidedCost({ costDetails: { input: -1 } })).toBeNull();
    expect(normalizeProvidedCost(null)).toBeNull();
  });
});

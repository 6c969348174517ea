/**
 * Loupe's canonical usage vocabulary: ONE key per billable quantity, whatever the provider calls it.
 *
 * Every usage map Loupe stores (observation `usageDetails`), every price Loupe knows (model pricing tiers)
 * and every cost breakdown (`costDetails`) uses these keys. Keys are DISJOINT: a token is counted under
 * exactly one key, so `total` = the sum of all token keys = the real number of tokens of the call.
 *
 * | key                    | unit     | meaning                                               | synonyms accepted in flat usage maps and price tables |
 * |------------------------|----------|-------------------------------------------------------|--------------------------------------------------------|
 * | `input`                | tokens   | uncached (text) input tokens: the prompt remainder    | `input_tokens`, `inputTokens`, `prompt_tokens`, `promptTokens`, `prompt`, `prompt_token_count`, `promptTokenCount`, `input_token_count`, `inputTokenCount`, `input_text`, `input_text_tokens`, `input_modality_1` |
 * | `input_cached`         | tokens   | input tokens read from the prompt cache               | `input_cached_tokens`, `input_cache_read`, `cache_read`, `cache_read_tokens`, `cache_read_input_tokens`, `cacheReadInputTokens`, `cacheReadInputTokenCount`, `cached_tokens`, `cachedInputTokens`, `cached_content_token_count`, `cachedContentTokenCount`, `input_cached_text_tokens`, `cached_modality_1`, `prompt_cache_hit_tokens` |
 * | `input_cached_audio`   | tokens   | audio input tokens read from the prompt cache         | `input_cached_audio_tokens`, `cached_modality_4` |
 * | `input_cache_write`    | tokens   | input tokens written to the cache (TTL not reported)  | `input_cache_creation`, `cache_creation`, `cache_creation_tokens`, `cache_creation_input_tokens`, `cacheCreationInputTokens`, `cache_write_tokens`, `cacheWriteInputTokens`, `cacheWriteInputTokenCount` |
 * | `input_cache_write_5m` | tokens   | cache writes with a 5-minute TTL (Anthropic)          | `input_cache_creation_5m`, `ephemeral_5m_input_tokens`, `input_ephemeral_5m_input_tokens` |
 * | `input_cache_write_1h` | tokens   | cache writes with a 1-hour TTL (Anthropic)            | `input_cache_creation_1h`, `ephemeral_1h_input_tokens`, `ephemeral_1hr_input_tokens`, `input_ephemeral_1h_input_tokens` |
 * | `input_audio`          | tokens   | uncached audio input tokens                           | `input_audio_tokens`, `input_modality_4` |
 * | `input_image`          | tokens   | uncached image input tokens                           | `input_image_tokens`, `input_modality_2` |
 * | `input_video`          | tokens   | uncached video input tokens                           | `input_video_tokens`, `input_modality_3` |
 * | `output`               | tokens   | visible (text) output tokens, reasoning excluded      | `output_tokens`, `outputTokens`, `completion_tokens`, `completionTokens`, `completion`, `candidates_token_count`, `candidatesTokenCount`, `output_token_count`, `outputTokenCount`, `generated_token_count`, `output_text`, `output_text_tokens`, `output_modality_1` |
 * | `output_reasoning`     | tokens   | reasoning / thinking tokens                           | `output_reasoning_tokens`, `reasoning_tokens`, `reasoningTokens`, `reasoning`, `thoughts_token_count`, `thoughtsTokenCount` |
 * | `output_audio`         | tokens   | audio output tokens                                   | `output_audio_tokens`, `output_modality_4` |
 * | `output_image`         | tokens   | image output tokens                                   | `output_image_tokens`, `output_modality_2` |
 * | `total`                | tokens   | all tokens of the call (computed when absent)         | `total_tokens`, `totalTokens`, `total_token_count`, `totalTokenCount` |
 * | `web_search`           | requests | web-search / grounding queries (not tokens)           | `web_search_requests`, `webSearchRequests`, `web_search_queries`, `webSearchQueries`, `grounding_queries`, `groundingQueries` |
 *
 * Synonyms are matched case- and separator-insensitively (`promptTokenCount` = `prompt_token_count`).
 * Any other key is kept verbatim (usage keys are free-form, as in Langfuse) and can be priced by a
 * project model under exactly that name.
 *
 * Price fallback (used by cost calculation when a model has no price for a key): `input_cached`,
 * `input_cache_write`, `input_audio`, `input_image`, `input_video` → `input`; `input_cache_write_5m`,
 * `input_cache_write_1h` → `input_cache_write` → `input`; `input_cached_audio` → `input_audio` → `input`;
 * `output_reasoning`, `output_audio`, `output_image` → `output`. Reasoning tokens are billed as output
 * tokens by every provider, and a model without a cache/modality price is billed at its base price,
 * so a token moved out of `input`/`output` into a detail key is never silently free.
 */

export type UsageKind = "input" | "output" | "total" | "other";
export type UsageUnit = "tokens" | "requests";

export interface CanonicalUsageEntry {
  readonly kind: UsageKind;
  readonly unit: UsageUnit;
  readonly label: string;
  readonly synonyms: readonly string[];
  /** Key whose price applies when the model has no price for this key (null: not charged). */
  readonly priceFallback: string | null;
}

export const CANONICAL_USAGE = {
  input: {
    kind: "input",
    unit: "tokens",
    label: "Input",
    priceFallback: null,
    synonyms: [
      "input_tokens",
      "inputTokens",
      "prompt_tokens",
      "promptTokens",
      "prompt",
      "prompt_token_count",
      "promptTokenCount",
      "input_token_count",
      "inputTokenCount",
      "input_text",
      "input_text_tokens",
      "input_modality_1",
    ],
  },
  input_cached: {
    kind: "input",
    unit: "tokens",
    label: "Input (cache read)",
    priceFallback: "input",
    synonyms: [
      "input_cached_tokens",
      "input_cache_read",
      "cache_read",
      "cache_read_tokens",
      "cache_read_input_tokens",
      "cacheReadInputTokens",
      "cacheReadInputTokenCount",
      "cached_tokens",
      "cachedInputTokens",
      "cached_content_token_count",
      "cachedContentTokenCount",
      "input_cached_text_tokens",
      "cached_modality_1",
      "prompt_cache_hit_tokens",
    ],
  },
  input_cached_audio: {
    kind: "input",
    unit: "tokens",
    label: "Audio input (cache read)",
    priceFallback: "input_audio",
    synonyms: ["input_cached_audio_tokens", "cached_modality_4"],
  },
  input_cache_write: {
    kind: "input",
    unit: "tokens",
    label: "Input (cache write)",
    priceFallback: "input",
    synonyms: [
      "input_cache_creation",
      "cache_creation",
      "cache_creation_tokens",
      "cache_creation_input_tokens",
      "cacheCreationInputTokens",
      "cache_write_tokens",
      "cacheWriteInputTokens",
      "cacheWriteInputTokenCount",
    ],
  },
  input_cache_write_5m: {
    kind: "input",
    unit: "tokens",
    label: "Input (cache write, 5 min)",
    priceFallback: "input_cache_write",
    synonyms: ["input_cache_creation_5m", "ephemeral_5m_input_tokens", "input_ephemeral_5m_input_tokens"],
  },
  input_cache_write_1h: {
    kind: "input",
    unit: "tokens",
    label: "Input (cache write, 1 h)",
    priceFallback: "input_cache_write",
    synonyms: ["input_cache_creation_1h", "ephemeral_1h_input_tokens", "ephemeral_1hr_input_tokens", "input_ephemeral_1h_input_tokens"],
  },
  input_audio: {
    kind: "input",
    unit: "tokens",
    label: "Audio input",
    priceFallback: "input",
    synonyms: ["input_audio_tokens", "input_modality_4"],
  },
  input_image: {
    kind: "input",
    unit: "tokens",
    label: "Image input",
    priceFallback: "input",
    synonyms: ["input_image_tokens", "input_modality_2"],
  },
  input_video: {
    kind: "input",
    unit: "tokens",
    label: "Video input",
    priceFallback: "input",
    synonyms: ["input_video_tokens", "input_modality_3"],
  },
  output: {
    kind: "output",
    unit: "tokens",
    label: "Output",
    priceFallback: null,
    synonyms: [
      "output_tokens",
      "outputTokens",
      "completion_tokens",
      "completionTokens",
      "completion",
      "candidates_token_count",
      "candidatesTokenCount",
      "output_token_count",
      "outputTokenCount",
      "generated_token_count",
      "output_text",
      "output_text_tokens",
      "output_modality_1",
    ],
  },
  output_reasoning: {
    kind: "output",
    unit: "tokens",
    label: "Reasoning",
    priceFallback: "output",
    synonyms: ["output_reasoning_tokens", "reasoning_tokens", "reasoningTokens", "reasoning", "thoughts_token_count", "thoughtsTokenCount"],
  },
  output_audio: {
    kind: "output",
    unit: "tokens",
    label: "Audio output",
    priceFallback: "output",
    synonyms: ["output_audio_tokens", "output_modality_4"],
  },
  output_image: {
    kind: "output",
    unit: "tokens",
    label: "Image output",
    priceFallback: "output",
    synonyms: ["output_image_tokens", "output_modality_2"],
  },
  total: {
    kind: "total",
    unit: "tokens",
    label: "Total",
    priceFallback: null,
    synonyms: ["total_tokens", "totalTokens", "total_token_count", "totalTokenCount"],
  },
  web_search: {
    kind: "other",
    unit: "requests",
    label: "Web search queries",
    priceFallback: null,
    synonyms: [
      "web_search_requests",
      "webSearchRequests",
      "web_search_queries",
      "webSearchQueries",
      "grounding_queries",
      "groundingQueries",
    ],
  },
} as const satisfies Record<string, CanonicalUsageEntry>;

export type CanonicalUsageKey = keyof typeof CANONICAL_USAGE;

/** Canonical keys in display order (input-ish, output-ish, total, non-token units). */
export const CANONICAL_USAGE_KEYS = Object.keys(CANONICAL_USAGE) as CanonicalUsageKey[];

/** `promptTokenCount`, `prompt_token_count`, `Prompt-Token-Count` → `prompttokencount`. */
function squash(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, "");
}

const ALIAS_INDEX: ReadonlyMap<string, CanonicalUsageKey> = (() => {
  const index = new Map<string, CanonicalUsageKey>();
  for (const key of CANONICAL_USAGE_KEYS) {
    for (const alias of [key, ...CANONICAL_USAGE[key].synonyms]) {
      const squashed = squash(alias);
      const existing = index.get(squashed);
      if (existing !== undefined && existing !== key) {
        throw new Error(`usage synonym "${alias}" is claimed by both "${existing}" and "${key}"`);
      }
      index.set(squashed, key);
    }
  }
  return index;
})();

export function isCanonicalUsageKey(key: unknown): key is CanonicalUsageKey {
  return typeof key === "string" && Object.hasOwn(CANONICAL_USAGE, key);
}

/** The canonical key a (provider or legacy) usage key stands for, or null when it is not a known synonym. */
export function canonicalUsageKey(rawKey: string): CanonicalUsageKey | null {
  return ALIAS_INDEX.get(squash(rawKey)) ?? null;
}

/** Canonical key for known synonyms, the raw key unchanged otherwise (usage keys are free-form). */
export function canonicalizeUsageKey(rawKey: string): string {
  return canonicalUsageKey(rawKey) ?? rawKey;
}

/**
 * Whether a key counts as input, output, total or something else. Canonical keys use the registry;
 * free-form keys follow Langfuse's rule (contains "input" → input, contains "output" → output).
 */
export function usageKeyKind(key: string): UsageKind {
  if (isCanonicalUsageKey(key)) return CANONICAL_USAGE[key].kind;
  const lower = key.toLowerCase();
  if (lower.includes("input")) return "input";
  if (lower.includes("output")) return "output";
  return "other";
}

/** Whether a key's values are token counts (free-form keys are assumed to be). */
export function isTokenUsageKey(key: string): boolean {
  return isCanonicalUsageKey(key) ? CANONICAL_USAGE[key].unit === "tokens" : true;
}

/** The key itself followed by its price fallbacks, e.g. `input_cache_write_1h` → `[…_1h, input_cache_write, input]`. */
export function priceFallbackChain(key: string): string[] {
  const chain = [key];
  let next: string | null = isCanonicalUsageKey(key) ? CANONICAL_USAGE[key].priceFallback : null;
  while (next !== null && !chain.includes(next)) {
    chain.push(next);
    next = isCanonicalUsageKey(next) ? CANONICAL_USAGE[next].priceFallback : null;
  }
  return chain;
}

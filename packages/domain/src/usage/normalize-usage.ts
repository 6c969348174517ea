/**
 * Usage and provided-cost normalisation (langfuse-api.md §3.4) into the canonical vocabulary of
 * canonical-usage.ts. Pure, total (never throws), and free of double counting:
 *
 * - OpenAI (Chat Completions, Responses, Realtime, and OpenAI-compatible APIs: Azure, LiteLLM, DeepSeek,
 *   xAI, Groq…): `prompt_tokens`/`input_tokens` INCLUDE cached, cache-write, audio and image tokens, so
 *   `input` = prompt − those details (floored at 0); `completion_tokens`/`output_tokens` INCLUDE reasoning,
 *   audio and image tokens, so `output` = completion − those details. Prediction tokens (accepted/rejected)
 *   stay in `output` (they are billed as output). When `total_tokens` proves that a provider reported
 *   reasoning or cache tokens ON TOP of prompt/completion (total = prompt + completion + detail), they are
 *   not subtracted.
 * - Anthropic: `input_tokens` EXCLUDES cache reads/writes, nothing is subtracted. `cache_creation`
 *   (5m/1h breakdown) splits `cache_creation_input_tokens`; `server_tool_use.web_search_requests` →
 *   `web_search`.
 * - Google (Gemini / Vertex, camelCase or snake_case): `promptTokenCount` INCLUDES `cachedContentTokenCount`
 *   (subtracted); `thoughtsTokenCount` is separate from `candidatesTokenCount`; `toolUsePromptTokenCount`
 *   is input; `*TokensDetails` modality lists split out audio/image/video.
 * - Vercel AI SDK (`inputTokens` + `inputTokenDetails`/`cachedInputTokens`/`reasoningTokens`): like OpenAI.
 * - Anything else is a flat map in Langfuse's convention: keys are already disjoint. Synonyms are mapped to
 *   canonical keys; when several synonyms of one key appear they are taken as repeated reports of the same
 *   quantity (max, not sum). A generic cache-write count next to a 5m/1h breakdown is treated as their
 *   total (the remainder stays `input_cache_write`).
 *
 * Values: non-negative safe integers or strings of digits; everything else (negative, fractional, NaN,
 * booleans, nested objects…) is dropped. Zero-valued detail keys of provider objects are omitted; `input`,
 * `output` and `total` are always present for provider objects.
 *
 * `total` = max(reported total, sum of all token keys). Non-token keys (`web_search`) are not summed;
 * free-form unknown keys are (Langfuse semantics).
 */
import { CANONICAL_USAGE_KEYS, canonicalizeUsageKey, isTokenUsageKey } from "./canonical-usage.ts";

export type NormalizedUsage = Record<string, number>;
export type NormalizedCost = Record<string, number>;

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Non-negative integer count, or undefined. */
function count(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? value + 0 : undefined;
  if (typeof value === "string" && /^\s*\d+\s*$/.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

/** Non-negative finite amount (costs), or undefined. */
function amount(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value + 0 : undefined;
  if (typeof value === "string" && /^\s*(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function firstCount(obj: Obj | undefined, ...keys: string[]): number | undefined {
  if (!obj) return undefined;
  for (const key of keys) {
    const n = count(obj[key]);
    if (n !== undefined) return n;
  }
  return undefined;
}

function firstObj(obj: Obj, ...keys: string[]): Obj | undefined {
  for (const key of keys) {
    const value = obj[key];
    if (isObj(value)) return value;
  }
  return undefined;
}

function has(obj: Obj, ...keys: string[]): boolean {
  return keys.some((key) => obj[key] !== undefined && obj[key] !== null);
}

const sub = (a: number, ...b: number[]): number =>
  Math.max(
    0,
    b.reduce((acc, x) => acc - x, a),
  );

/** Builds a usage map: fixed keys always, detail keys only when > 0. */
class UsageBuilder {
  readonly map = new Map<string, number>();
  set(key: string, value: number | undefined): this {
    if (value !== undefined) this.map.set(key, value);
    return this;
  }
  detail(key: string, value: number | undefined): this {
    if (value !== undefined && value > 0) this.map.set(key, value);
    return this;
  }
}

/**
 * Decides whether detail counts are included in the headline counts (OpenAI semantics, the default) or
 * reported on top of them, using the provider's total as the witness.
 */
function excludedDetails(
  total: number | undefined,
  prompt: number,
  completion: number,
  cacheDetails: number,
  reasoning: number,
): { cache: boolean; reasoning: boolean } {
  const none = { cache: false, reasoning: false };
  if (total === undefined) return none;
  const base = prompt + completion;
  if (total === base) return none;
  if (reasoning > 0 && total === base + reasoning) return { cache: false, reasoning: true };
  if (cacheDetails > 0 && total === base + cacheDetails) return { cache: true, reasoning: false };
  if (reasoning > 0 && cacheDetails > 0 && total === base + cacheDetails + reasoning) return { cache: true, reasoning: true };
  return none;
}

// ---------------------------------------------------------------------------------------------------------
// Provider shapes
// ---------------------------------------------------------------------------------------------------------

const OPENAI_DETAIL_KEYS = [
  "prompt_tokens_details",
  "completion_tokens_details",
  "input_tokens_details",
  "output_tokens_details",
  "input_token_details",
  "output_token_details",
];

function fromOpenAi(obj: Obj): Map<string, number> {
  const prompt = firstCount(obj, "prompt_tokens", "input_tokens") ?? 0;
  const completion = firstCount(obj, "completion_tokens", "output_tokens") ?? 0;
  const total = firstCount(obj, "total_tokens");
  const inDetails = firstObj(obj, "prompt_tokens_details", "input_tokens_details", "input_token_details");
  const outDetails = firstObj(obj, "completion_tokens_details", "output_tokens_details", "output_token_details");
  const cachedBreakdown = inDetails ? firstObj(inDetails, "cached_tokens_details") : undefined;

  // One source per quantity (LiteLLM / DeepSeek report the same cache reads under several names).
  const cached = firstCount(inDetails, "cached_tokens") ?? firstCount(obj, "prompt_cache_hit_tokens", "cache_read_input_tokens") ?? 0;
  const cacheWrite =
    firstCount(inDetails, "cache_creation_tokens", "cache_write_tokens") ?? firstCount(obj, "cache_creation_input_tokens") ?? 0;
  const audioIn = firstCount(inDetails, "audio_tokens") ?? 0;
  const imageIn = firstCount(inDetails, "image_tokens") ?? 0;
  const cachedAudio = Math.min(firstCount(cachedBreakdown, "audio_tokens") ?? 0, cached);
  const cachedImage = Math.min(firstCount(cachedBreakdown, "image_tokens") ?? 0, cached - cachedAudio);
  const reasoning = firstCount(outDetails, "reasoning_tokens") ?? 0;
  const audioOut = firstCount(outDetails, "audio_tokens") ?? 0;
  const imageOut = firstCount(outDetails, "image_tokens") ?? 0;

  const excluded = excludedDetails(total, prompt, completion, cached + cacheWrite, reasoning);
  const promptAll = prompt + (excluded.cache ? cached + cacheWrite : 0);
  const completionAll = completion + (excluded.reasoning ? reasoning : 0);

  const inputAudio = sub(audioIn, cachedAudio);
  const inputImage = sub(imageIn, cachedImage);
  return new UsageBuilder()
    .set("input", sub(promptAll, cached, cacheWrite, inputAudio, inputImage))
    .detail("input_cached", cached - cachedAudio)
    .detail("input_cached_audio", cachedAudio)
    .detail("input_cache_write", cacheWrite)
    .detail("input_audio", inputAudio)
    .detail("input_image", inputImage)
    .set("output", sub(completionAll, reasoning, audioOut, imageOut))
    .detail("output_reasoning", reasoning)
    .detail("output_audio", audioOut)
    .detail("output_image", imageOut)
    .set("total", total).map;
}

function fromAnthropic(obj: Obj): Map<string, number> {
  const cacheCreation = firstObj(obj, "cache_creation");
  const write = firstCount(obj, "cache_creation_input_tokens") ?? 0;
  const write5m = firstCount(cacheCreation, "ephemeral_5m_input_tokens") ?? 0;
  const write1h = firstCount(cacheCreation, "ephemeral_1h_input_tokens") ?? 0;
  const serverTools = firstObj(obj, "server_tool_use");
  return new UsageBuilder()
    .set("input", firstCount(obj, "input_tokens") ?? 0)
    .detail("input_cached", firstCount(obj, "cache_read_input_tokens"))
    .detail("input_cache_write", sub(write, write5m, write1h))
    .detail("input_cache_write_5m", write5m)
    .detail("input_cache_write_1h", write1h)
    .set("output", firstCount(obj, "output_tokens") ?? 0)
    .detail("web_search", firstCount(serverTools, "web_search_requests"))
    .set("total", firstCount(obj, "total_tokens")).map;
}

type Modality = "text" | "image" | "video" | "audio" | "document";
const MODALITY_BY_NUMBER: Record<number, Modality> = { 1: "text", 2: "image", 3: "video", 4: "audio", 5: "document" };

/** Gemini `[{ modality: "AUDIO" | 4, tokenCount | token_count }]` → counts per modality. */
function modalityCounts(list: unknown): Record<Modality, number> {
  const counts: Record<Modality, number> = { text: 0, image: 0, video: 0, audio: 0, document: 0 };
  if (!Array.isArray(list)) return counts;
  for (const item of list) {
    if (!isObj(item)) continue;
    const raw = item.modality;
    const modality =
      typeof raw === "number" ? MODALITY_BY_NUMBER[raw] : typeof raw === "string" ? (raw.toLowerCase() as Modality) : undefined;
    const n = firstCount(item, "tokenCount", "token_count");
    if (modality !== undefined && modality in counts && n !== undefined) counts[modality] += n;
  }
  return counts;
}

function fromGoogle(obj: Obj): Map<string, number> {
  const g = (camel: string, snake: string) => firstCount(obj, camel, snake);
  const prompt = g("promptTokenCount", "prompt_token_count") ?? 0;
  const candidates = g("candidatesTokenCount", "candidates_token_count") ?? 0;
  const cached = Math.min(g("cachedContentTokenCount", "cached_content_token_count") ?? 0, prompt || Number.MAX_SAFE_INTEGER);
  const thoughts = g("thoughtsTokenCount", "thoughts_token_count") ?? 0;
  const toolUse = g("toolUsePromptTokenCount", "tool_use_prompt_token_count") ?? 0;
  const total = g("totalTokenCount", "total_token_count");
  const promptByModality = modalityCounts(obj.promptTokensDetails ?? obj.prompt_tokens_details);
  const cacheByModality = modalityCounts(obj.cacheTokensDetails ?? obj.cache_tokens_details);
  const outByModality = modalityCounts(obj.candidatesTokensDetails ?? obj.candidates_tokens_details);

  // Gemini reports thoughts separately; if the total says they were inside candidates, take them out.
  const thoughtsInsideCandidates = thoughts > 0 && total !== undefined && total === prompt + candidates + toolUse;

  const cachedAudio = Math.min(cacheByModality.audio, cached);
  const inputAudio = sub(promptByModality.audio, cachedAudio);
  const inputImage = sub(promptByModality.image, cacheByModality.image);
  const inputVideo = sub(promptByModality.video, cacheByModality.video);
  const outputAudio = outByModality.audio;
  const outputImage = outByModality.image;
  return new UsageBuilder()
    .set("input", sub(prompt, cached, inputAudio, inputImage, inputVideo) + toolUse)
    .detail("input_cached", cached - cachedAudio)
    .detail("input_cached_audio", cachedAudio)
    .detail("input_audio", inputAudio)
    .detail("input_image", inputImage)
    .detail("input_video", inputVideo)
    .set("output", sub(candidates, thoughtsInsideCandidates ? thoughts : 0, outputAudio, outputImage))
    .detail("output_reasoning", thoughts)
    .detail("output_audio", outputAudio)
    .detail("output_image", outputImage)
    .set("total", total).map;
}

function fromAiSdk(obj: Obj): Map<string, number> {
  const inputTokens = firstCount(obj, "inputTokens") ?? 0;
  const outputTokens = firstCount(obj, "outputTokens") ?? 0;
  const total = firstCount(obj, "totalTokens");
  const inDetails = firstObj(obj, "inputTokenDetails");
  const outDetails = firstObj(obj, "outputTokenDetails");
  const cacheRead = firstCount(inDetails, "cacheReadTokens") ?? firstCount(obj, "cachedInputTokens") ?? 0;
  const cacheWrite = firstCount(inDetails, "cacheWriteTokens") ?? 0;
  const reasoning = firstCount(outDetails, "reasoningTokens") ?? firstCount(obj, "reasoningTokens") ?? 0;
  const excluded = excludedDetails(total, inputTokens, outputTokens, cacheRead + cacheWrite, reasoning);
  const inputAll = inputTokens + (excluded.cache ? cacheRead + cacheWrite : 0);
  const outputAll = outputTokens + (excluded.reasoning ? reasoning : 0);
  return new UsageBuilder()
    .set("input", firstCount(inDetails, "noCacheTokens") ?? sub(inputAll, cacheRead, cacheWrite))
    .detail("input_cached", cacheRead)
    .detail("input_cache_write", cacheWrite)
    .set("output", firstCount(outDetails, "textTokens") ?? sub(outputAll, reasoning))
    .detail("output_reasoning", reasoning)
    .set("total", total).map;
}

/** Langfuse-convention flat map: synonyms → canonical keys, repeated reports of one key → max. */
function fromFlat(obj: Obj): Map<string, number> {
  const map = new Map<string, number>();
  for (const [rawKey, rawValue] of Object.entries(obj)) {
    if (rawKey === "__proto__") continue;
    const n = count(rawValue);
    if (n === undefined) continue;
    const key = canonicalizeUsageKey(rawKey);
    const previous = map.get(key);
    map.set(key, previous === undefined ? n : Math.max(previous, n));
  }
  // A generic cache-write count next to its 5m/1h breakdown is the breakdown's total (langchain-anthropic).
  const generic = map.get("input_cache_write");
  const breakdown = (map.get("input_cache_write_5m") ?? 0) + (map.get("input_cache_write_1h") ?? 0);
  if (generic !== undefined && breakdown > 0 && generic >= breakdown) {
    if (generic === breakdown) map.delete("input_cache_write");
    else map.set("input_cache_write", generic - breakdown);
  }
  return map;
}

function detailsMap(raw: unknown): Map<string, number> | null {
  if (!isObj(raw)) return null;
  let map: Map<string, number>;
  if (
    has(raw, "promptTokenCount", "prompt_token_count", "candidatesTokenCount", "candidates_token_count") ||
    has(raw, "cachedContentTokenCount", "cached_content_token_count", "thoughtsTokenCount", "thoughts_token_count")
  ) {
    map = fromGoogle(raw);
  } else if (has(raw, "prompt_tokens", "completion_tokens") || OPENAI_DETAIL_KEYS.some((k) => isObj(raw[k]))) {
    map = fromOpenAi(raw);
  } else if (
    has(raw, "input_tokens", "output_tokens") &&
    (has(raw, "cache_read_input_tokens", "cache_creation_input_tokens") || isObj(raw.cache_creation) || isObj(raw.server_tool_use))
  ) {
    map = fromAnthropic(raw);
  } else if (
    has(raw, "inputTokens", "outputTokens") &&
    (isObj(raw.inputTokenDetails) || isObj(raw.outputTokenDetails) || has(raw, "cachedInputTokens", "reasoningTokens"))
  ) {
    map = fromAiSdk(raw);
  } else {
    map = fromFlat(raw);
  }
  return map.size > 0 ? map : null;
}

function legacyMap(raw: unknown): Map<string, number> | null {
  if (!isObj(raw)) return null;
  const input = firstCount(raw, "input", "promptTokens");
  const output = firstCount(raw, "output", "completionTokens");
  const total = firstCount(raw, "total", "totalTokens");
  if (input === undefined && output === undefined && total === undefined) {
    // A provider-shaped object sent in the legacy field: read it like usageDetails (costs/unit are not usage).
    const { inputCost: _i, outputCost: _o, totalCost: _t, unit: _u, ...rest } = raw;
    return detailsMap(rest);
  }
  return new UsageBuilder().set("input", input).set("output", output).set("total", total).map;
}

function withTotal(map: Map<string, number>, reportedTotal: number | undefined): NormalizedUsage {
  let sum = 0;
  for (const [key, value] of map) if (key !== "total" && isTokenUsageKey(key)) sum += value;
  const total = Math.max(reportedTotal ?? 0, sum);
  const result: NormalizedUsage = {};
  for (const key of CANONICAL_USAGE_KEYS) {
    if (key === "total") result.total = total;
    else if (map.has(key)) result[key] = map.get(key) as number;
  }
  for (const [key, value] of map) if (!Object.hasOwn(result, key) && key !== "total") result[key] = value;
  return result;
}

/** Normalises a `usageDetails` value alone (provider object or flat map) → canonical map with `total`. */
export function normalizeUsageDetails(raw: unknown): NormalizedUsage | null {
  const map = detailsMap(raw);
  return map ? withTotal(map, map.get("total")) : null;
}

/** Normalises a legacy `usage` value alone (`{input,output,total}` or `{promptTokens,…}`) → canonical map. */
export function normalizeLegacyUsage(raw: unknown): NormalizedUsage | null {
  const map = legacyMap(raw);
  return map ? withTotal(map, map.get("total")) : null;
}

/**
 * Provided usage of an observation (§3.4): legacy `usage` overlaid by `usageDetails` (usageDetails wins
 * per key), in canonical keys, with `total` = max(reported total, sum of token keys). Null when nothing usable.
 */
export function normalizeUsage(input: { usage?: unknown; usageDetails?: unknown } | null | undefined): NormalizedUsage | null {
  if (!isObj(input)) return null;
  const legacy = legacyMap(input.usage);
  const details = detailsMap(input.usageDetails);
  if (!legacy && !details) return null;
  const merged = new Map<string, number>();
  for (const source of [legacy, details]) {
    if (source) for (const [key, value] of source) if (key !== "total") merged.set(key, value);
  }
  return withTotal(merged, details?.get("total") ?? legacy?.get("total"));
}

/**
 * Provided cost (§3.4, §8.3): `{input, output, total}` from `usage.inputCost/outputCost/totalCost`, overlaid
 * by `costDetails` (keys mapped to canonical usage keys; non-negative finite numbers or numeric strings kept).
 * `total` = the provided total, else the sum of all provided components. Null when no cost was provided.
 */
export function normalizeProvidedCost(input: { usage?: unknown; costDetails?: unknown } | null | undefined): NormalizedCost | null {
  if (!isObj(input)) return null;
  const map = new Map<string, number>();
  if (isObj(input.usage)) {
    const legacy: [string, string][] = [
      ["input", "inputCost"],
      ["output", "outputCost"],
      ["total", "totalCost"],
    ];
    for (const [key, field] of legacy) {
      const value = amount(input.usage[field]);
      if (value !== undefined) map.set(key, value);
    }
  }
  if (isObj(input.costDetails)) {
    const overlay = new Map<string, number>();
    for (const [rawKey, rawValue] of Object.entries(input.costDetails)) {
      if (rawKey === "__proto__") continue;
      const value = amount(rawValue);
      if (value === undefined) continue;
      const key = canonicalizeUsageKey(rawKey);
      overlay.set(key, Math.max(overlay.get(key) ?? 0, value));
    }
    for (const [key, value] of overlay) map.set(key, value);
  }
  if (map.size === 0) return null;
  const result: NormalizedCost = {};
  let sum = 0;
  for (const [key, value] of map) {
    if (key === "total") continue;
    result[key] = value;
    sum += value;
  }
  result.total = map.get("total") ?? Number(sum.toFixed(12));
  return result;
}

import type { TOtlpValue } from "@loupe/contracts";
import { type AttributeReader, asString, isObject, parseJsonValue } from "./attributes.ts";
import { MODEL_ATTRIBUTES } from "./infer-type.ts";

// Model, model parameters, usage and cost of a span (shared/langfuse-api.md §4.3, §4.7).

type ModelParameterValue = string | number | boolean | string[] | null;

export function extractModel(r: AttributeReader): string | undefined {
  return asString(r.first(...MODEL_ATTRIBUTES));
}

/** The ingestion schema allows string|number|boolean|string[]|null values: anything else is JSON text. */
function toParameterValue(value: unknown): ModelParameterValue {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
  return JSON.stringify(value);
}

export function extractModelParameters(r: AttributeReader): Record<string, ModelParameterValue> | undefined {
  for (const key of ["langfuse.observation.model.parameters", "llm.invocation_parameters", "model_config"]) {
    const parsed = parseJsonValue(r.take(key));
    if (isObject(parsed)) return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, toParameterValue(v)]));
  }
  const flat = { ...r.takePrefix("llm.invocation_parameters."), ...r.takePrefix("gen_ai.request.") };
  delete flat.model;
  if (Object.keys(flat).length === 0) return undefined;
  return Object.fromEntries(Object.entries(flat).map(([k, v]) => [k, toParameterValue(v)]));
}

const num = (value: TOtlpValue | undefined): number | undefined => {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
};

/**
 * Token counts from the generic `gen_ai.usage.*` and OpenInference `llm.token_count.*` attributes, in
 * Loupe's canonical (disjoint) keys: `input` excludes cache reads/writes, `output` excludes reasoning
 * and audio, exactly as the flat usage-map convention of the worker expects.
 */
function genericUsage(r: AttributeReader): Record<string, number> | undefined {
  // The cost attribute shares the prefix but is not a token count.
  // OpenLLMetry puts totals and cache counts under `llm.usage.*`, next to its gen_ai.usage.* tokens.
  const raw: Record<string, TOtlpValue> = {
    ...r.takePrefix("llm.usage."),
    ...r.takePrefix("gen_ai.usage."),
    ...r.takePrefix("llm.token_count."),
  };
  delete raw.cost;
  if (Object.keys(raw).length === 0) return undefined;
  const used = new Set<string>();
  const pick = (...keys: string[]) => {
    for (const key of keys) {
      const n = num(raw[key]);
      if (n !== undefined) {
        for (const k of keys) used.add(k);
        return n;
      }
    }
    return undefined;
  };
  const cacheRead = pick(
    "cache_read.input_tokens",
    "cache_read_input_tokens",
    "cache_read_tokens",
    "details.cache_read_tokens",
    "details.cache_read_input_tokens",
    "prompt_details.cache_read",
    "input_cached_tokens",
  );
  const cacheWrite = pick(
    "cache_creation.input_tokens",
    "cache_creation_input_tokens",
    "cache_write_tokens",
    "details.cache_write_tokens",
    "details.cache_creation_input_tokens",
    "prompt_details.cache_write",
    "input_cache_creation",
  );
  const reasoning = pick("reasoning.output_tokens", "completion_details.reasoning");
  const audio = pick("completion_details.audio");
  const prompt = pick("prompt_tokens", "input_tokens", "prompt");
  const completion = pick("completion_tokens", "output_tokens", "completion");
  const total = pick("total_tokens", "total");

  const usage: Record<string, number> = {};
  const set = (key: string, value: number | undefined) => {
    if (value !== undefined) usage[key] = Math.max(0, value);
  };
  set("input", prompt === undefined ? undefined : prompt - (cacheRead ?? 0) - (cacheWrite ?? 0));
  set("output", completion === undefined ? undefined : completion - (reasoning ?? 0) - (audio ?? 0));
  set("total", total);
  set("input_cached", cacheRead);
  set("input_cache_write", cacheWrite);
  set("output_reasoning", reasoning);
  set("output_audio", audio);
  for (const [key, value] of Object.entries(raw)) {
    const n = num(value);
    if (!used.has(key) && n !== undefined) usage[key.replace(/^details\./, "")] = n;
  }
  return Object.keys(usage).length > 0 ? usage : undefined;
}

export function extractUsage(r: AttributeReader): Record<string, unknown> | undefined {
  const explicit = parseJsonValue(r.take("langfuse.observation.usage_details"));
  // Always read the generic attributes too, so they are consumed (not duplicated into metadata).
  const generic = genericUsage(r);
  return isObject(explicit) ? explicit : generic;
}

export function extractCost(r: AttributeReader): Record<string, unknown> | undefined {
  const explicit = parseJsonValue(r.take("langfuse.observation.cost_details"));
  const total = num(r.take("gen_ai.usage.cost")) ?? num(r.take("llm.cost.total"));
  if (isObject(explicit)) return explicit;
  return total === undefined ? undefined : { total };
}

import type { CanonicalUsageKey } from "../usage/canonical-usage.ts";

/**
 * What one merge of an observation adds to the Prometheus LLM metrics (llm_requests_total,
 * llm_tokens_total, llm_cost_usd_total, llm_request_duration_seconds, llm_time_to_first_token_seconds,
 * tool_executions_total). Pure: the worker compares the row it read under the entity lock with the
 * row it wrote, and increments its counters with the result after the commit.
 *
 * An observation is counted once, when it becomes final (ended, or an EVENT, which has no end):
 * SDK retries and replays of a final observation add nothing, and events of a running span add
 * nothing until it ends. Tokens and cost that arrive after the end (a later update with usage) are
 * added as the difference to what was already counted, so the totals equal the stored rows.
 */
export type MeteredObservation = {
  type: string;
  name: string | null;
  level: string;
  model: string | null;
  startTime: Date;
  endTime: Date | null;
  completionStartTime: Date | null;
  /** Effective usage by canonical key (what the row stores as usageDetails). */
  usageDetails: Readonly<Record<string, number>>;
  totalCost: number | null;
};

export type MetricStatus = "success" | "error";
export type TokenType = "input" | "output" | "cached" | "reasoning";

export type ObservationMetrics = {
  /** Set when an LLM call (generation or embedding) became final: count it once, with its duration. */
  request?: { model: string; status: MetricStatus; durationSeconds: number | null; timeToFirstTokenSeconds: number | null };
  /** Token increments by type (positive only: counters never go down). */
  tokens: { model: string; tokenType: TokenType; count: number }[];
  costUsd?: { model: string; usd: number };
  /** Set when a TOOL observation became final. */
  tool?: { toolName: string; status: MetricStatus };
};

/** The Prometheus token_type of each canonical usage key (null: not a token count of its own). */
export const TOKEN_TYPE_OF_USAGE_KEY = {
  input: "input",
  input_cached: "cached",
  input_cached_audio: "cached",
  input_cache_write: "input",
  input_cache_write_5m: "input",
  input_cache_write_1h: "input",
  input_audio: "input",
  input_image: "input",
  input_video: "input",
  output: "output",
  output_reasoning: "reasoning",
  output_audio: "output",
  output_image: "output",
  total: null,
  web_search: null,
} as const satisfies Record<CanonicalUsageKey, TokenType | null>;

const LLM_CALL_TYPES = new Set(["GENERATION", "EMBEDDING"]);
/** Model label of an LLM call that names no model. */
export const UNKNOWN_MODEL = "unknown";

const isFinal = (o: MeteredObservation) => o.endTime !== null || o.type === "EVENT";
const statusOf = (o: MeteredObservation): MetricStatus => (o.level === "ERROR" ? "error" : "success");
const secondsBetween = (from: Date, to: Date | null) => (to && to >= from ? (to.getTime() - from.getTime()) / 1000 : null);

function tokensByType(usage: Readonly<Record<string, number>>): Map<TokenType, number> {
  const out = new Map<TokenType, number>();
  for (const [key, value] of Object.entries(usage)) {
    const type = (TOKEN_TYPE_OF_USAGE_KEY as Record<string, TokenType | null>)[key];
    if (!type || typeof value !== "number" || !Number.isFinite(value) || value <= 0) continue;
    out.set(type, (out.get(type) ?? 0) + value);
  }
  return out;
}

/** What merging `after` over `before` (null: the observation is new) adds to the LLM metrics. */
export function meterObservationMerge(before: MeteredObservation | null, after: MeteredObservation): ObservationMetrics {
  const none: ObservationMetrics = { tokens: [] };
  if (!isFinal(after)) return none;
  const becameFinal = before === null || !isFinal(before);

  if (after.type === "TOOL") {
    return becameFinal ? { tokens: [], tool: { toolName: after.name || "unnamed", status: statusOf(after) } } : none;
  }
  if (!LLM_CALL_TYPES.has(after.type)) return none;

  const model = after.model || UNKNOWN_MODEL;
  // Before the observation was final nothing of it was counted; after, only what is new is added.
  const counted = becameFinal || before === null ? new Map<TokenType, number>() : tokensByType(before.usageDetails);
  const tokens = [...tokensByType(after.usageDetails)]
    .map(([tokenType, total]) => ({ model, tokenType, count: total - (counted.get(tokenType) ?? 0) }))
    .filter((t) => t.count > 0);
  const costBefore = becameFinal ? 0 : (before?.totalCost ?? 0);
  const costDelta = (after.totalCost ?? 0) - costBefore;

  return {
    tokens,
    ...(costDelta > 0 ? { costUsd: { model, usd: costDelta } } : {}),
    ...(becameFinal
      ? {
          request: {
            model,
            status: statusOf(after),
            durationSeconds: secondsBetween(after.startTime, after.endTime),
            timeToFirstTokenSeconds: secondsBetween(after.startTime, after.completionStartTime),
          },
        }
      : {}),
  };
}

export type ScoreMetric = { scoreName: string; value: number };

/** A numeric or boolean score is observed once, when it is first stored (updates of its id add nothing). */
export function meterScoreMerge(isNew: boolean, score: { name: string; dataType: string; value: number | null }): ScoreMetric | null {
  if (!isNew || score.value === null || !Number.isFinite(score.value)) return null;
  if (score.dataType !== "NUMERIC" && score.dataType !== "BOOLEAN") return null;
  return { scoreName: score.name, value: score.value };
}

/**
 * Label values with a cap per scope (per project): the first `limit` distinct values of a project
 * pass, later ones become `other`. A tenant sending a new model or tool name per request can
 * neither grow the scrape without bound nor push another project's names into `other`.
 */
export class BoundedLabelValues {
  private readonly seen = new Map<string, Set<string>>();
  constructor(
    readonly limit: number,
    readonly overflow = "other",
  ) {}

  value(scope: string, raw: string): string {
    const v = raw.slice(0, 200);
    let values = this.seen.get(scope);
    if (!values) {
      values = new Set();
      this.seen.set(scope, values);
    }
    if (values.has(v)) return v;
    if (values.size >= this.limit) return this.overflow;
    values.add(v);
    return v;
  }
}

import { METRIC_CATALOG, type MetricUnit, type TWidgetMetric } from "@loupe/contracts";
import { formatCost, formatDuration, formatTokens } from "@/lib/shared/format";

// How a widget's numbers read (ui.md): cost in $ with small-value precision, durations in ms/s,
// counts and tokens with grouping. The unit follows from the measure's name in the semantic layer.

export type Unit = "cost" | "duration" | "count" | "score" | "rate" | "ratio";

const UNITS: Record<MetricUnit, Unit> = {
  usd: "cost",
  ms: "duration",
  count: "count",
  tokens: "count",
  "tokens/s": "rate",
  ratio: "ratio",
  value: "score",
};
/** Every view's unit per measure, from the semantic layer's catalog. */
const UNIT_OF_MEASURE: Record<string, MetricUnit> = Object.assign({}, ...Object.values(METRIC_CATALOG).map((v) => v.measures));

/** The unit of an aggregate: counts are counts; `error` averaged is a share, summed a count. */
export function unitOf(m: Pick<TWidgetMetric, "measure" | "agg">): Unit {
  if (m.agg === "count" || m.agg === "uniq") return "count";
  const unit = UNITS[UNIT_OF_MEASURE[m.measure] ?? "count"];
  return unit === "ratio" && m.agg === "sum" ? "count" : unit;
}

const score = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export function formatValue(unit: Unit, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  if (unit === "cost") return formatCost(v);
  if (unit === "duration") return formatDuration(v);
  if (unit === "score") return score.format(v);
  if (unit === "rate") return `${score.format(v)} tok/s`;
  if (unit === "ratio") return formatPercent(v);
  return formatTokens(Math.round(v * 100) / 100);
}

/** Axis ticks: short forms ($1.2k, 12k, 2.4 s). */
export function formatTick(unit: Unit, v: number): string {
  if (unit === "cost") return v === 0 ? "$0" : Math.abs(v) >= 1000 ? `$${compact.format(v)}` : formatCost(v);
  if (unit === "duration") return formatDuration(v);
  if (unit === "score") return score.format(v);
  if (unit === "ratio") return formatPercent(v);
  return compact.format(v);
}

export const formatPercent = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;

const AGG_LABEL: Record<string, string> = { sum: "", avg: "avg", count: "", uniq: "unique", min: "min", max: "max", histogram: "" };
const MEASURE_LABEL: Record<string, string> = {
  count: "Count",
  totalCost: "Cost",
  inputCost: "Input cost",
  outputCost: "Output cost",
  latency: "Latency",
  timeToFirstToken: "Time to first token",
  streamingLatency: "Streaming latency",
  inputTokens: "Input tokens",
  outputTokens: "Output tokens",
  totalTokens: "Total tokens",
  observationsCount: "Observations",
  value: "Value",
  outputTokensPerSecond: "Output tokens/s",
  tokensPerSecond: "Tokens/s",
  error: "Error rate",
  uniqueUserIds: "Users",
  uniqueSessionIds: "Sessions",
  uniqueTraceIds: "Traces",
};

/** "p95 Latency", "Cost", "avg Value". */
export function metricLabel(m: Pick<TWidgetMetric, "measure" | "agg">): string {
  if (m.measure === "error") return m.agg === "sum" ? "Errors" : m.agg === "avg" ? "Error rate" : `${m.agg} error`;
  const measure = MEASURE_LABEL[m.measure] ?? m.measure;
  const agg = AGG_LABEL[m.agg] ?? m.agg;
  return agg ? `${agg} ${measure}` : measure;
}

const DIMENSION_LABEL: Record<string, string> = {
  providedModelName: "Model",
  model: "Model",
  name: "Name",
  id: "Trace id",
  traceId: "Trace id",
  traceName: "Trace name",
  traceRelease: "Trace release",
  traceVersion: "Trace version",
  userId: "User",
  sessionId: "Session",
  environment: "Environment",
  release: "Release",
  version: "Version",
  stringValue: "Value",
  type: "Type",
  level: "Level",
  promptName: "Prompt name",
  promptVersion: "Prompt version",
  isRootObservation: "Root observation",
  hourOfDay: "Hour (UTC)",
  tag: "Tag",
  tags: "Tag set",
  startTimeMonth: "Month",
  timestampMonth: "Month",
  timestampDay: "Day",
  source: "Source",
  dataType: "Data type",
  configId: "Score config",
  observationName: "Observation name",
  observationModelName: "Observation model",
  observationPromptName: "Observation prompt",
  observationPromptVersion: "Observation prompt version",
};
export const dimensionLabel = (field: string) =>
  DIMENSION_LABEL[field] ?? (field.startsWith("metadata.") ? `metadata.${field.slice(9)}` : field);

/** A dimension value as shown: empty and null read "(none)"; tag arrays join. */
export function dimensionValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return "(none)";
  if (Array.isArray(v)) return v.length === 0 ? "(none)" : v.join(", ");
  return String(v);
}

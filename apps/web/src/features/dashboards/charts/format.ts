import type { TWidgetMetric } from "@loupe/contracts";
import { formatCost, formatDuration, formatTokens } from "@/lib/shared/format";

// How a widget's numbers read (ui.md): cost in $ with small-value precision, durations in ms/s,
// counts and tokens with grouping. The unit follows from the measure's name in the semantic layer.

type Unit = "cost" | "duration" | "count" | "score" | "rate";

const UNIT_OF_MEASURE: Record<string, Unit> = {
  totalCost: "cost",
  inputCost: "cost",
  outputCost: "cost",
  latency: "duration",
  timeToFirstToken: "duration",
  streamingLatency: "duration",
  value: "score",
  outputTokensPerSecond: "rate",
};

export const unitOf = (m: Pick<TWidgetMetric, "measure" | "agg">): Unit =>
  m.agg === "count" || m.agg === "uniq" ? "count" : (UNIT_OF_MEASURE[m.measure] ?? "count");

const score = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export function formatValue(unit: Unit, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  if (unit === "cost") return formatCost(v);
  if (unit === "duration") return formatDuration(v);
  if (unit === "score") return score.format(v);
  if (unit === "rate") return `${score.format(v)} tok/s`;
  return formatTokens(Math.round(v * 100) / 100);
}

/** Axis ticks: short forms ($1.2k, 12k, 2.4 s). */
export function formatTick(unit: Unit, v: number): string {
  if (unit === "cost") return v === 0 ? "$0" : Math.abs(v) >= 1000 ? `$${compact.format(v)}` : formatCost(v);
  if (unit === "duration") return formatDuration(v);
  if (unit === "score") return score.format(v);
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
};

/** "p95 Latency", "Cost", "avg Value". */
export function metricLabel(m: Pick<TWidgetMetric, "measure" | "agg">): string {
  const measure = MEASURE_LABEL[m.measure] ?? m.measure;
  const agg = AGG_LABEL[m.agg] ?? m.agg;
  return agg ? `${agg} ${measure}` : measure;
}

const DIMENSION_LABEL: Record<string, string> = {
  providedModelName: "Model",
  name: "Name",
  traceName: "Trace name",
  userId: "User",
  sessionId: "Session",
  stringValue: "Value",
  type: "Type",
  level: "Level",
};
export const dimensionLabel = (field: string) =>
  DIMENSION_LABEL[field] ?? (field.startsWith("metadata.") ? `metadata.${field.slice(9)}` : field);

/** A dimension value as shown: empty and null read "(none)"; tag arrays join. */
export function dimensionValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return "(none)";
  if (Array.isArray(v)) return v.length === 0 ? "(none)" : v.join(", ");
  return String(v);
}

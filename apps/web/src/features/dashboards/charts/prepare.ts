import type { TWidgetSpec } from "@loupe/contracts";
import { bucketStarts, metricKey, resolveGranularity } from "@loupe/domain";
import { dimensionValue, metricLabel } from "./format";

// Pure functions from the semantic layer's rows to what each chart draws. The components only render
// what these return; the unit tests hold the logic (bucket filling, top-N, pivots).

export type Row = Record<string, unknown>;
export type Series = { key: string; label: string; metric: number; dimension?: string };
export type TimeSeries = { points: ({ t: number } & Record<string, number | null>)[]; series: Series[] };

/** Beyond this many dimension values a chart folds the rest into "Other". */
export const MAX_SERIES = 8;
export const OTHER = "Other";

const num = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) ? v : v === null || v === undefined ? null : Number(v);

/** Sums and counts have zero where no row came back; averages and percentiles have a gap. */
const additive = (agg: string) => agg === "count" || agg === "sum" || agg === "uniq";

/** The dimension values with the biggest totals of the first metric, at most MAX_SERIES (rest: Other). */
function topValues(rows: Row[], field: string, key: string): { keep: Set<string>; folded: boolean } {
  const totals = new Map<string, number>();
  for (const r of rows) {
    const v = dimensionValue(r[field]);
    totals.set(v, (totals.get(v) ?? 0) + Math.abs(num(r[key]) ?? 0));
  }
  const sorted = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([v]) => v);
  return { keep: new Set(sorted.slice(0, MAX_SERIES)), folded: sorted.length > MAX_SERIES };
}

/**
 * Time series: one series per metric, or per value of the one dimension (× metric when several);
 * every bucket of the range present, so bars line up and lines break only where data is missing.
 */
export function prepareTimeSeries(rows: Row[], spec: TWidgetSpec, range: { from: Date; to: Date }): TimeSeries {
  const granularity = resolveGranularity(range, spec.chartConfig.granularity);
  const field = spec.dimensions[0]?.field;
  const keys = spec.metrics.map(metricKey);
  const series: Series[] = [];
  const seriesOf = new Map<string, string>();
  const add = (label: string, metric: number, dimension?: string) => {
    const id = `${dimension ?? ""}\u0000${metric}`;
    if (!seriesOf.has(id)) {
      const key = `s${series.length}`;
      seriesOf.set(id, key);
      series.push({ key, label, metric, dimension });
    }
    return seriesOf.get(id) as string;
  };
  const { keep, folded } = field ? topValues(rows, field, keys[0] as string) : { keep: new Set<string>(), folded: false };
  const byBucket = new Map<number, Record<string, number | null>>();
  const multi = spec.metrics.length > 1;
  for (const row of rows) {
    const t = Date.parse(String(row.time_dimension));
    if (!Number.isFinite(t)) continue;
    const point = byBucket.get(t) ?? {};
    spec.metrics.forEach((m, i) => {
      const value = num(row[keys[i] as string]);
      let key: string;
      if (!field) key = add(metricLabel(m), i);
      else {
        const raw = dimensionValue(row[field]);
        const dim = keep.has(raw) ? raw : OTHER;
        key = add(multi ? `${dim} · ${metricLabel(m)}` : dim, i, dim);
      }
      // Folded values of a sum add up; of an average, "Other" keeps the largest (a bound, not a mean).
      const prev = point[key];
      point[key] = prev === undefined || prev === null ? value : additive(m.agg) ? prev + (value ?? 0) : Math.max(prev, value ?? prev);
    });
    byBucket.set(t, point);
  }
  if (!field) for (const [i, m] of spec.metrics.entries()) add(metricLabel(m), i);
  if (folded) series.sort((a, b) => (a.dimension === OTHER ? 1 : 0) - (b.dimension === OTHER ? 1 : 0));
  const points = bucketStarts(range, granularity).map((start) => {
    const t = start.getTime();
    const found = byBucket.get(t) ?? {};
    const point: { t: number } & Record<string, number | null> = { t } as { t: number } & Record<string, number | null>;
    for (const s of series) {
      const agg = spec.metrics[s.metric]?.agg ?? "count";
      point[s.key] = found[s.key] ?? (additive(agg) ? 0 : null);
    }
    return point;
  });
  return { points, series };
}

export type TotalItem = { label: string; raw: unknown; values: (number | null)[] };

/** Bars and pies: one item per dimension value (the query already ordered and limited them). */
export function prepareTotals(rows: Row[], spec: TWidgetSpec): TotalItem[] {
  const field = spec.dimensions[0]?.field;
  const keys = spec.metrics.map(metricKey);
  return rows.map((r) => ({
    label: field ? dimensionValue(r[field]) : metricLabel(spec.metrics[0] ?? { measure: "count", agg: "count" }),
    raw: field ? r[field] : undefined,
    values: keys.map((k) => num(r[k])),
  }));
}

/** Pie slices with their share of the whole. */
export function prepareShares(rows: Row[], spec: TWidgetSpec): (TotalItem & { value: number; share: number })[] {
  const items = prepareTotals(rows, spec).map((i) => ({ ...i, value: Math.max(0, i.values[0] ?? 0) }));
  const total = items.reduce((a, i) => a + i.value, 0);
  return items.filter((i) => i.value > 0).map((i) => ({ ...i, share: total > 0 ? i.value / total : 0 }));
}

/** A big number and its change against the previous period (null when there was nothing before). */
export function prepareNumber(
  rows: Row[],
  previous: Row[] | undefined,
  spec: TWidgetSpec,
): { value: number | null; change: number | null } {
  const key = metricKey(spec.metrics[0] ?? { measure: "count", agg: "count" });
  const value = num(rows[0]?.[key]);
  const before = previous ? num(previous[0]?.[key]) : null;
  const change = value !== null && before !== null && before !== 0 ? (value - before) / Math.abs(before) : null;
  return { value, change };
}

/** Histogram bins from the semantic layer's `[lower, upper, height]` tuples. */
export function prepareHistogram(rows: Row[], spec: TWidgetSpec): { lo: number; hi: number; count: number }[] {
  const key = metricKey(spec.metrics[0] ?? { measure: "count", agg: "histogram" });
  const tuples = rows[0]?.[key];
  if (!Array.isArray(tuples)) return [];
  return (tuples as [number, number, number][]).map(([lo, hi, count]) => ({ lo, hi, count }));
}

/** `second`: the second metric per cell (e.g. error share), shown in its tooltip. */
export type Heatmap = { xs: string[]; ys: string[]; cells: Map<string, number>; second: Map<string, number | null>; max: number };
export const cellKey = (y: string, x: string) => `${y}\u0000${x}`;

/** Two dimensions × a metric: rows are the first dimension, columns the second (in their natural order). */
export function prepareHeatmap(rows: Row[], spec: TWidgetSpec): Heatmap {
  const [yField, xField] = [spec.dimensions[0]?.field ?? "", spec.dimensions[1]?.field ?? ""];
  const key = metricKey(spec.metrics[0] ?? { measure: "count", agg: "count" });
  const secondKey = spec.metrics[1] ? metricKey(spec.metrics[1]) : null;
  const cells = new Map<string, number>();
  const second = new Map<string, number | null>();
  const yTotals = new Map<string, number>();
  const xs = new Set<string>();
  for (const r of rows) {
    const [y, x, v] = [dimensionValue(r[yField]), dimensionValue(r[xField]), num(r[key]) ?? 0];
    cells.set(cellKey(y, x), (cells.get(cellKey(y, x)) ?? 0) + v);
    if (secondKey) second.set(cellKey(y, x), num(r[secondKey]));
    yTotals.set(y, (yTotals.get(y) ?? 0) + v);
    xs.add(x);
  }
  const numeric = [...xs].every((x) => x !== "" && Number.isFinite(Number(x)));
  return {
    xs: [...xs].sort((a, b) => (numeric ? Number(a) - Number(b) : a.localeCompare(b))),
    ys: [...yTotals.entries()].sort((a, b) => b[1] - a[1]).map(([y]) => y),
    cells,
    second,
    max: Math.max(0, ...cells.values()),
  };
}

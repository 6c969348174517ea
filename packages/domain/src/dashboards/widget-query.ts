import {
  DASHBOARD_FILTER_KEYS,
  type DashboardFilterKey,
  isTimeSeriesChart,
  type TDashboardFilterQuery,
  type TFilterCondition,
  type TIME_GRANULARITIES,
  TIME_RANGE_PRESETS,
  type TMetricsQuery,
  type TWidgetSpec,
} from "@loupe/contracts";

// A widget is compiled to one semantic-layer query (runMetricsQuery); this is the only place that
// knows how, so the home dashboard, custom dashboards, CSV export and the drill-down agree.

type View = TMetricsQuery["view"];

/** Where each dashboard filter lands in each view; a view without the column ignores the filter. */
const FILTER_COLUMNS: Record<View, Partial<Record<DashboardFilterKey, string>>> = {
  traces: { environment: "environment", name: "name", tags: "tags", userId: "userId", release: "release", version: "version" },
  observations: {
    environment: "environment",
    name: "traceName",
    tags: "tags",
    userId: "userId",
    release: "traceRelease",
    version: "traceVersion",
    model: "providedModelName",
  },
  "scores-numeric": { environment: "environment", name: "traceName", tags: "tags", release: "traceRelease", version: "traceVersion" },
  "scores-categorical": { environment: "environment", name: "traceName", tags: "tags", release: "traceRelease", version: "traceVersion" },
  "scores-boolean": { environment: "environment", name: "traceName", tags: "tags", release: "traceRelease", version: "traceVersion" },
};

/** The dashboard filters a view cannot apply (the panel says so rather than silently showing more). */
export function unappliedFilters(view: View, filters: TDashboardFilterQuery): DashboardFilterKey[] {
  return DASHBOARD_FILTER_KEYS.filter((k) => filters[k] !== undefined && !FILTER_COLUMNS[view][k]);
}

export function dashboardFilterConditions(view: View, filters: TDashboardFilterQuery): TFilterCondition[] {
  const out: TFilterCondition[] = [];
  for (const key of DASHBOARD_FILTER_KEYS) {
    const column = FILTER_COLUMNS[view][key];
    const value = filters[key];
    if (!column || value === undefined) continue;
    if (Array.isArray(value)) out.push({ type: "arrayOptions", column, operator: "all of", value });
    else out.push({ type: "stringOptions", column, operator: "any of", value: [value] });
  }
  return out;
}

const HOUR = 3_600_000;

/**
 * The absolute window of the filter bar: custom from/to win over the preset. A preset of a day or more
 * is widened to whole hours (from the hour before `now − preset` to the next full hour), so the metric
 * rollups, which answer hour-aligned windows only, serve it; shorter ones are drawn by the minute and
 * stay exact.
 */
export function dashboardTimeRange(q: Pick<TDashboardFilterQuery, "range" | "from" | "to">, now = Date.now()): { from: Date; to: Date } {
  const preset = TIME_RANGE_PRESETS[q.range];
  const align = preset >= 24 * HOUR;
  const end = q.to ? Date.parse(q.to) : align ? Math.ceil(now / HOUR) * HOUR : now;
  const start = q.from ? Date.parse(q.from) : align && !q.to ? Math.floor((now - preset) / HOUR) * HOUR : end - preset;
  return { from: new Date(start), to: new Date(end) };
}

/** The window of the same length just before, for "change vs previous period". */
export function previousPeriod(range: { from: Date; to: Date }): { from: Date; to: Date } {
  const length = range.to.getTime() - range.from.getTime();
  return { from: new Date(range.from.getTime() - length), to: range.from };
}

/** The column the semantic layer names a metric's result (`<aggregation>_<measure>`). */
export const metricKey = (m: { measure: string; agg: string }) => `${m.agg}_${m.measure}`;

export type WidgetRun = {
  range: { from: Date; to: Date };
  /** Dashboard-level conditions (the filter bar, a dashboard's saved filters), added to the widget's own. */
  filters?: TFilterCondition[];
  granularity?: (typeof TIME_GRANULARITIES)[number];
};

/** One semantic-layer query for a widget over a window. */
export function widgetMetricsQuery(spec: TWidgetSpec, run: WidgetRun): TMetricsQuery {
  const timeSeries = isTimeSeriesChart(spec.chartType);
  const metrics = spec.metrics.map((m) => ({ measure: m.measure, aggregation: m.agg }));
  const first = spec.metrics[0];
  const sort = spec.chartConfig.defaultSort;
  const totals = !timeSeries && spec.dimensions.length > 0 && spec.chartType !== "HISTOGRAM" && spec.chartType !== "HEATMAP";
  const orderBy = sort
    ? [{ field: sort.column, direction: sort.order === "ASC" ? ("asc" as const) : ("desc" as const) }]
    : totals && first
      ? [{ field: metricKey(first), direction: "desc" as const }]
      : undefined;
  return {
    view: spec.view,
    dimensions: spec.dimensions,
    metrics,
    filters: [...spec.filters, ...(run.filters ?? [])],
    timeDimension: timeSeries ? { granularity: resolveGranularity(run.range, run.granularity ?? spec.chartConfig.granularity) } : null,
    fromTimestamp: run.range.from.toISOString(),
    toTimestamp: run.range.to.toISOString(),
    orderBy: orderBy ?? null,
    config: {
      ...(spec.chartConfig.bins ? { bins: spec.chartConfig.bins } : {}),
      row_limit: spec.chartConfig.row_limit ?? (timeSeries || spec.chartType === "HEATMAP" ? 1000 : 100),
    },
  };
}

type Granularity = Exclude<(typeof TIME_GRANULARITIES)[number], "auto">;
const BUCKET_MS: Record<Exclude<Granularity, "month">, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };

/**
 * The bucket of a time series. Resolved here rather than left "auto" so the browser knows the bucket
 * it fills gaps with and drills down into; about 30–200 points per range.
 */
export function resolveGranularity(range: { from: Date; to: Date }, requested?: (typeof TIME_GRANULARITIES)[number] | null): Granularity {
  if (requested && requested !== "auto") return requested;
  const hours = (range.to.getTime() - range.from.getTime()) / 3_600_000;
  return hours <= 3 ? "minute" : hours <= 72 ? "hour" : hours <= 24 * 90 ? "day" : hours <= 24 * 400 ? "week" : "month";
}

/** Postgres date_trunc in UTC (weeks start on Monday). */
export function bucketStart(at: Date, g: Granularity): Date {
  const d = new Date(at);
  if (g === "month") return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  if (g === "week") {
    const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
  }
  return new Date(Math.floor(d.getTime() / BUCKET_MS[g]) * BUCKET_MS[g]);
}

export function bucketEnd(start: Date, g: Granularity): Date {
  if (g === "month") return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return new Date(start.getTime() + BUCKET_MS[g]);
}

/** Every bucket start in the window, so a series has a point (zero or a gap) where no row came back. */
export function bucketStarts(range: { from: Date; to: Date }, g: Granularity, max = 1000): Date[] {
  const out: Date[] = [];
  for (let t = bucketStart(range.from, g); t < range.to && out.length < max; t = bucketEnd(t, g)) out.push(t);
  return out;
}

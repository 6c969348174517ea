import {
  isTimeSeriesChart,
  METADATA_DIMENSION_PREFIX,
  METRIC_CATALOG,
  type MetricView,
  type TCreateWidgetBody,
  type TFilterCondition,
  type TIME_GRANULARITIES,
  type TWidget,
  type TWidgetSpec,
  type WidgetChartType,
  widgetSpecProblems,
} from "@loupe/contracts";

// The widget editor's form state and its translation to the widget model (both ways), pure so the
// editor component only renders it.

/** A dimension slot: a catalog dimension, or "metadata" with a key. */
export type DimensionDraft = { field: string; metadataKey: string };
export type FilterDraft = { field: string; metadataKey: string; operator: "any of" | "none of"; values: string };

export type WidgetDraft = {
  name: string;
  view: MetricView;
  measure: string;
  agg: TWidgetSpec["metrics"][number]["agg"];
  chartType: WidgetChartType;
  dimensions: DimensionDraft[];
  filters: FilterDraft[];
  granularity: (typeof TIME_GRANULARITIES)[number];
  /** Conditions the form does not edit (saved through the API), kept as they are. */
  keptFilters: TFilterCondition[];
};

export const METADATA_FIELD = "metadata";
export const NO_DIMENSION = "";

export const newDraft = (): WidgetDraft => ({
  name: "",
  view: "observations",
  measure: "count",
  agg: "count",
  chartType: "BAR_TIME_SERIES",
  dimensions: [{ field: NO_DIMENSION, metadataKey: "" }],
  filters: [],
  granularity: "auto",
  keptFilters: [],
});

const fieldOf = (d: { field: string; metadataKey: string }) =>
  d.field === METADATA_FIELD ? `${METADATA_DIMENSION_PREFIX}${d.metadataKey.trim()}` : d.field;

const slotOf = (field: string): DimensionDraft =>
  field.startsWith(METADATA_DIMENSION_PREFIX)
    ? { field: METADATA_FIELD, metadataKey: field.slice(METADATA_DIMENSION_PREFIX.length) }
    : { field, metadataKey: "" };

/** How many dimension slots a chart type has. */
export function dimensionSlots(chartType: WidgetChartType): number {
  if (chartType === "NUMBER" || chartType === "HISTOGRAM") return 0;
  if (chartType === "HEATMAP" || chartType === "PIVOT_TABLE") return 2;
  return 1;
}

/** The spec the draft stands for, or the reasons it cannot be one yet. */
export function draftToSpec(d: WidgetDraft): { spec: TWidgetSpec; problems: string[] } {
  const problems: string[] = [];
  const dimensions = d.dimensions
    .slice(0, dimensionSlots(d.chartType))
    .filter((s) => s.field !== NO_DIMENSION)
    .map((s) => {
      if (s.field === METADATA_FIELD && !s.metadataKey.trim()) problems.push("Enter the metadata key to break down by");
      return { field: fieldOf(s) };
    });
  const filters: TFilterCondition[] = d.filters.flatMap((f) => {
    const values = f.values
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean);
    if (!f.field || values.length === 0 || (f.field === METADATA_FIELD && !f.metadataKey.trim())) return [];
    return [{ type: "stringOptions" as const, column: fieldOf(f), operator: f.operator, value: values }];
  });
  const agg = d.chartType === "HISTOGRAM" ? "histogram" : d.agg === "histogram" ? "count" : d.agg;
  const spec: TWidgetSpec = {
    view: d.view,
    dimensions,
    metrics: [{ measure: d.measure, agg }],
    filters: [...filters, ...d.keptFilters],
    chartType: d.chartType,
    chartConfig: {
      type: d.chartType,
      ...(isTimeSeriesChart(d.chartType) && d.granularity !== "auto" ? { granularity: d.granularity } : {}),
    },
  };
  problems.push(...widgetSpecProblems(spec).map((p) => p.message));
  if (!(d.measure in METRIC_CATALOG[d.view].measures)) problems.push(`Pick a measure of ${d.view}`);
  return { spec, problems };
}

export function draftToBody(d: WidgetDraft): TCreateWidgetBody {
  const { spec } = draftToSpec(d);
  return { name: d.name.trim() || "Untitled widget", description: "", ...spec };
}

export function draftFromWidget(w: TWidget): WidgetDraft {
  const metric = w.metrics[0] ?? { measure: "count", agg: "count" as const };
  const dimensions = w.dimensions.map((x) => slotOf(x.field));
  return {
    name: w.name,
    view: w.view,
    measure: metric.measure,
    agg: metric.agg,
    chartType: w.chartType,
    dimensions: dimensions.length > 0 ? dimensions : [{ field: NO_DIMENSION, metadataKey: "" }],
    filters: w.filters.flatMap((f) =>
      f.type === "stringOptions" ? [{ ...slotOf(f.column), operator: f.operator, values: f.value.join(", ") }] : [],
    ),
    granularity: w.chartConfig.granularity ?? "auto",
    keptFilters: w.filters.filter((f) => f.type !== "stringOptions"),
  };
}

import { z } from "zod";
import { ZFilterCondition } from "../common/filter.ts";
import { ZPageMeta } from "../common/pagination.ts";
import { METRIC_AGGREGATIONS, METRIC_VIEWS, TIME_GRANULARITIES } from "../public-api/metrics-query.ts";

// The one widget model: a semantic-layer query (view, dimensions, metrics, filters) plus a chart.
// Custom dashboards store it, the home dashboard's panels are written in it, and Langfuse's
// `unstable/dashboard-widgets` endpoints speak it (the field names are Langfuse's).

/** Langfuse's chart types, plus HEATMAP (two dimensions × one measure, e.g. tool × hour of day). */
export const WIDGET_CHART_TYPES = [
  "LINE_TIME_SERIES",
  "AREA_TIME_SERIES",
  "BAR_TIME_SERIES",
  "HORIZONTAL_BAR",
  "VERTICAL_BAR",
  "PIE",
  "NUMBER",
  "HISTOGRAM",
  "PIVOT_TABLE",
  "HEATMAP",
] as const;
export type WidgetChartType = (typeof WIDGET_CHART_TYPES)[number];
export const TIME_SERIES_CHART_TYPES = ["LINE_TIME_SERIES", "AREA_TIME_SERIES", "BAR_TIME_SERIES"] as const satisfies WidgetChartType[];
export const isTimeSeriesChart = (t: WidgetChartType) => (TIME_SERIES_CHART_TYPES as readonly string[]).includes(t);

/** A widget's `agg` is the semantic layer's aggregation (Langfuse's names, `uniq` included). */
export const WIDGET_AGGREGATIONS = METRIC_AGGREGATIONS;

export const ZWidgetDimension = z.object({ field: z.string().trim().min(1).max(300) });
export const ZWidgetMetric = z.object({ measure: z.string().trim().min(1).max(100), agg: z.enum(WIDGET_AGGREGATIONS) });
export type TWidgetMetric = z.infer<typeof ZWidgetMetric>;

const ZChartConfigFields = {
  row_limit: z.number().int().min(1).max(1000).nullish(),
  show_value_labels: z.boolean().nullish(),
  bins: z.number().int().min(1).max(100).nullish(),
  defaultSort: z.object({ column: z.string().min(1).max(300), order: z.enum(["ASC", "DESC"]) }).nullish(),
  /** Loupe's addition: the time bucket of time-series charts ("auto" picks one from the range). */
  granularity: z.enum(TIME_GRANULARITIES).nullish(),
};
export const ZWidgetChartConfig = z.object({ type: z.enum(WIDGET_CHART_TYPES), ...ZChartConfigFields });
export type TWidgetChartConfig = z.infer<typeof ZWidgetChartConfig>;
/** Input side: `type` defaults to the widget's chartType. */
export const ZWidgetChartConfigInput = z.object({ type: z.enum(WIDGET_CHART_TYPES).nullish(), ...ZChartConfigFields });

const ZWidgetFilters = z.array(ZFilterCondition).max(50);

const specFields = {
  view: z.enum(METRIC_VIEWS),
  dimensions: z.array(ZWidgetDimension).max(3),
  metrics: z.array(ZWidgetMetric).min(1, "metrics needs at least one measure").max(10),
  filters: ZWidgetFilters,
  chartType: z.enum(WIDGET_CHART_TYPES),
};

/** What a chart needs from its query; checked when a widget is saved and before it runs. */
export function widgetSpecProblems(spec: {
  dimensions: unknown[];
  metrics: { agg: string }[];
  chartType: WidgetChartType;
}): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const { chartType: t, dimensions: d, metrics: m } = spec;
  if (t === "HEATMAP" && (d.length !== 2 || m.length > 2))
    out.push({
      path: "dimensions",
      message: "HEATMAP needs exactly two dimensions and one or two metrics (the second shows in each cell's tooltip)",
    });
  if (t === "HISTOGRAM" && (m.length !== 1 || m[0]?.agg !== "histogram"))
    out.push({ path: "metrics", message: "HISTOGRAM needs one metric with agg histogram" });
  if (t !== "HISTOGRAM" && m.some((x) => x.agg === "histogram"))
    out.push({ path: "metrics", message: "agg histogram is only for chartType HISTOGRAM" });
  if (["PIE", "HORIZONTAL_BAR", "VERTICAL_BAR", "NUMBER"].includes(t) && d.length > 1)
    out.push({ path: "dimensions", message: `${t} takes at most one dimension` });
  if (["PIE", "NUMBER"].includes(t) && m.length > 1) out.push({ path: "metrics", message: `${t} takes one metric` });
  if (t === "NUMBER" && d.length > 0) out.push({ path: "dimensions", message: "NUMBER takes no dimension" });
  return out;
}

function refineSpec(
  spec: Parameters<typeof widgetSpecProblems>[0] & { chartConfig?: { type?: string | null } | null },
  ctx: z.RefinementCtx,
) {
  for (const p of widgetSpecProblems(spec)) ctx.addIssue({ code: "custom", path: [p.path], message: p.message });
  if (spec.chartConfig?.type && spec.chartConfig.type !== spec.chartType)
    ctx.addIssue({ code: "custom", path: ["chartConfig", "type"], message: "chartConfig.type must match chartType" });
}

/** A widget's query and chart, without identity: what the home dashboard's panels are. */
export const ZWidgetSpec = z.object({ ...specFields, chartConfig: ZWidgetChartConfig }).superRefine(refineSpec);
export type TWidgetSpec = z.infer<typeof ZWidgetSpec>;

export const ZCreateWidgetBody = z
  .object({
    name: z.string().trim().min(1, "name is required").max(200),
    description: z.string().max(2000).nullish(),
    ...specFields,
    chartConfig: ZWidgetChartConfigInput.nullish(),
  })
  .superRefine(refineSpec);
export type TCreateWidgetBody = z.infer<typeof ZCreateWidgetBody>;

/** Every field optional, at least one given; the spec rules are checked on the merged widget. */
export const ZUpdateWidgetBody = z
  .object({
    name: z.string().trim().min(1, "name cannot be empty").max(200).nullish(),
    description: z.string().max(2000).nullish(),
    view: specFields.view.nullish(),
    dimensions: specFields.dimensions.nullish(),
    metrics: specFields.metrics.nullish(),
    filters: specFields.filters.nullish(),
    chartType: specFields.chartType.nullish(),
    chartConfig: ZWidgetChartConfigInput.nullish(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined && v !== null), { message: "Give at least one field to update" });
export type TUpdateWidgetBody = z.infer<typeof ZUpdateWidgetBody>;

export const ZWidget = z.object({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  name: z.string(),
  description: z.string(),
  ...specFields,
  chartConfig: ZWidgetChartConfig,
});
export type TWidget = z.infer<typeof ZWidget>;

// Placements on the 12-column grid (Langfuse's DashboardPlacement). A preset placement shows a panel
// of the home dashboard (`presetId` = its id).
export const DASHBOARD_GRID_COLUMNS = 12;
const cell = z.number().int().min(0).max(1000);
const size = (max: number) => z.number().int().min(1).max(max);
const placementBox = { x: cell.max(DASHBOARD_GRID_COLUMNS - 1), y: cell, width: size(DASHBOARD_GRID_COLUMNS), height: size(50) };
const placementId = z.string().trim().min(1).max(100);
export const ZPlacement = z.discriminatedUnion("type", [
  z.object({ type: z.literal("widget"), id: placementId, widgetId: z.string().min(1).max(100), ...placementBox }),
  z.object({ type: z.literal("preset"), id: placementId, presetId: z.string().min(1).max(100), ...placementBox }),
]);
export type TPlacement = z.infer<typeof ZPlacement>;

export const ZDashboardDefinition = z
  .object({ widgets: z.array(ZPlacement).max(100) })
  .refine((d) => new Set(d.widgets.map((w) => w.id)).size === d.widgets.length, {
    message: "placement ids must be unique",
    path: ["widgets"],
  });
export type TDashboardDefinition = z.infer<typeof ZDashboardDefinition>;

const optionalBox = {
  x: placementBox.x.nullish(),
  y: placementBox.y.nullish(),
  width: placementBox.width.nullish(),
  height: placementBox.height.nullish(),
};
export const ZCreatePlacementBody = z.discriminatedUnion("type", [
  z.object({ type: z.literal("widget"), id: placementId.nullish(), widgetId: z.string().min(1).max(100), ...optionalBox }),
  z.object({ type: z.literal("preset"), id: placementId.nullish(), presetId: z.string().min(1).max(100), ...optionalBox }),
]);
export type TCreatePlacementBody = z.infer<typeof ZCreatePlacementBody>;
export const ZUpdatePlacementBody = z
  .object(optionalBox)
  .refine((b) => Object.values(b).some((v) => v !== undefined && v !== null), { message: "Give at least one of x, y, width, height" });
export type TUpdatePlacementBody = z.infer<typeof ZUpdatePlacementBody>;

export const ZDashboard = z.object({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  name: z.string(),
  description: z.string(),
  definition: ZDashboardDefinition,
  filters: ZWidgetFilters,
});
export type TDashboard = z.infer<typeof ZDashboard>;

export const ZCreateDashboardBody = z.object({
  name: z.string().trim().min(1, "name is required").max(200),
  description: z.string().max(2000).nullish(),
  definition: ZDashboardDefinition.nullish(),
  filters: ZWidgetFilters.nullish(),
});
export type TCreateDashboardBody = z.infer<typeof ZCreateDashboardBody>;
export const ZUpdateDashboardBody = z
  .object({
    name: z.string().trim().min(1, "name cannot be empty").max(200).nullish(),
    description: z.string().max(2000).nullish(),
    definition: ZDashboardDefinition.nullish(),
    filters: ZWidgetFilters.nullish(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined && v !== null), { message: "Give at least one field to update" });
export type TUpdateDashboardBody = z.infer<typeof ZUpdateDashboardBody>;

export const ZDashboardList = z.object({ data: z.array(ZDashboard), meta: ZPageMeta });
export type TDashboardList = z.infer<typeof ZDashboardList>;
export const ZWidgetList = z.object({ data: z.array(ZWidget), meta: ZPageMeta });
export type TWidgetList = z.infer<typeof ZWidgetList>;
export const ZDeleted = z.object({ message: z.string() });

/** The UI's view of a dashboard: the dashboard and the widgets its placements reference. */
export const ZDashboardWithWidgets = z.object({ dashboard: ZDashboard, widgets: z.array(ZWidget) });
export type TDashboardWithWidgets = z.infer<typeof ZDashboardWithWidgets>;

/** Internal: add a new widget to a dashboard in one step (create + place). */
export const ZAddDashboardWidgetBody = z.object({
  widget: ZCreateWidgetBody,
  placement: z.object(optionalBox).nullish(),
});
export type TAddDashboardWidgetBody = z.infer<typeof ZAddDashboardWidgetBody>;

export const ZDashboardIdParams = z.object({ projectId: z.string().optional(), dashboardId: z.string().min(1).max(100) });
export const ZWidgetIdParams = z.object({
  projectId: z.string().optional(),
  dashboardId: z.string().min(1).max(100).optional(),
  widgetId: z.string().min(1).max(100),
});
export const ZPlacementIdParams = z.object({ dashboardId: z.string().min(1).max(100), placementId: z.string().min(1).max(100) });

// The filter bar of the home and custom dashboards, kept in the URL under the traces table's keys,
// so a drill-down link carries them over unchanged (`name` is the trace name).
export const DASHBOARD_TIME_RANGES = ["30m", "1h", "24h", "7d", "30d"] as const;
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const urlText = z.preprocess(blank, z.string().trim().min(1).max(200).optional());
const urlInstant = z.preprocess(blank, z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }).optional());
const urlList = z.preprocess((v) => {
  const parts = (Array.isArray(v) ? v : typeof v === "string" ? [v] : []).flatMap((s: string) => s.split(","));
  const out = parts.map((s) => s.trim()).filter(Boolean);
  return out.length > 0 ? out : undefined;
}, z.array(z.string().max(200)).max(20).optional());
export const ZDashboardFilterQuery = z
  .object({
    range: z.preprocess(blank, z.enum(DASHBOARD_TIME_RANGES).default("7d")),
    from: urlInstant,
    to: urlInstant,
    environment: urlText,
    name: urlText,
    tags: urlList,
    userId: urlText,
    release: urlText,
    version: urlText,
    model: urlText,
  })
  .refine((q) => !(q.from && q.to) || Date.parse(q.from) < Date.parse(q.to), { path: ["to"], message: "to must be after from" });
export type TDashboardFilterQuery = z.infer<typeof ZDashboardFilterQuery>;
export const DASHBOARD_FILTER_KEYS = ["environment", "name", "tags", "userId", "release", "version", "model"] as const;
export type DashboardFilterKey = (typeof DASHBOARD_FILTER_KEYS)[number];

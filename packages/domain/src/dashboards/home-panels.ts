import type { TWidgetSpec, WidgetChartType } from "@loupe/contracts";

// The home dashboard, written as widget specs: the same renderer draws them as custom widgets, and a
// custom dashboard can place any of them (a Langfuse "preset" placement, `presetId` = the panel id).

export type HomePanel = {
  id: string;
  title: string;
  description: string;
  spec: TWidgetSpec;
  /** Grid size on 12 columns. */
  width: number;
  height: number;
  /** What data fills the panel, for its empty state. */
  fill: string;
  /** Drawn by its own card: this month projected from the daily run rate, beside last month. */
  special?: "monthProjection";
};

const chart = (chartType: WidgetChartType, extra: Partial<TWidgetSpec["chartConfig"]> = {}) => ({
  chartType,
  chartConfig: { type: chartType, ...extra },
});
const GENERATIONS = [{ type: "stringOptions" as const, column: "type", operator: "any of" as const, value: ["GENERATION"] }];
const TOOLS = [{ type: "stringOptions" as const, column: "type", operator: "any of" as const, value: ["TOOL"] }];
const TRACES_FILL = "Traces sent through the SDKs, OpenTelemetry or the ingestion API";
const GENERATIONS_FILL = "Generations (LLM calls) with a model and token usage";

export const HOME_PANELS: HomePanel[] = [
  {
    id: "traces-count",
    title: "Traces",
    description: "Traces in the range, against the period before",
    spec: { view: "traces", dimensions: [], metrics: [{ measure: "count", agg: "count" }], filters: [], ...chart("NUMBER") },
    width: 3,
    height: 3,
    fill: TRACES_FILL,
  },
  {
    id: "cost-total",
    title: "Total cost",
    description: "Cost of all observations, against the period before",
    spec: { view: "observations", dimensions: [], metrics: [{ measure: "totalCost", agg: "sum" }], filters: [], ...chart("NUMBER") },
    width: 3,
    height: 3,
    fill: GENERATIONS_FILL,
  },
  {
    id: "latency-p95",
    title: "Trace latency p95",
    description: "95th percentile of trace latency, against the period before",
    spec: { view: "traces", dimensions: [], metrics: [{ measure: "latency", agg: "p95" }], filters: [], ...chart("NUMBER") },
    width: 3,
    height: 3,
    fill: TRACES_FILL,
  },
  {
    id: "month-projection",
    title: "Cost this month",
    description: "Month to date, projected from this month's daily run rate, beside last month",
    spec: { view: "observations", dimensions: [], metrics: [{ measure: "totalCost", agg: "sum" }], filters: [], ...chart("NUMBER") },
    width: 3,
    height: 3,
    fill: GENERATIONS_FILL,
    special: "monthProjection",
  },
  {
    id: "traces-over-time",
    title: "Traces over time",
    description: "Traces per time bucket",
    spec: { view: "traces", dimensions: [], metrics: [{ measure: "count", agg: "count" }], filters: [], ...chart("BAR_TIME_SERIES") },
    width: 6,
    height: 5,
    fill: TRACES_FILL,
  },
  {
    id: "observations-over-time",
    title: "Observations over time",
    description: "Observations per bucket by type",
    spec: {
      view: "observations",
      dimensions: [{ field: "type" }],
      metrics: [{ measure: "count", agg: "count" }],
      filters: [],
      ...chart("AREA_TIME_SERIES"),
    },
    width: 6,
    height: 5,
    fill: "Spans, generations, events and the other observation types",
  },
  {
    id: "cost-by-model",
    title: "Cost by model",
    description: "Cost per bucket, stacked by model",
    spec: {
      view: "observations",
      dimensions: [{ field: "providedModelName" }],
      metrics: [{ measure: "totalCost", agg: "sum" }],
      filters: GENERATIONS,
      ...chart("BAR_TIME_SERIES"),
    },
    width: 6,
    height: 5,
    fill: GENERATIONS_FILL,
  },
  {
    id: "tokens-over-time",
    title: "Input and output tokens",
    description: "Tokens per bucket",
    spec: {
      view: "observations",
      dimensions: [],
      metrics: [
        { measure: "inputTokens", agg: "sum" },
        { measure: "outputTokens", agg: "sum" },
      ],
      filters: GENERATIONS,
      ...chart("AREA_TIME_SERIES"),
    },
    width: 6,
    height: 5,
    fill: GENERATIONS_FILL,
  },
  {
    id: "latency-by-trace-name",
    title: "Trace latency by name",
    description: "p50, p95 and p99 of trace latency per trace name",
    spec: {
      view: "traces",
      dimensions: [{ field: "name" }],
      metrics: [
        { measure: "latency", agg: "p50" },
        { measure: "latency", agg: "p95" },
        { measure: "latency", agg: "p99" },
      ],
      filters: [],
      ...chart("PIVOT_TABLE", { row_limit: 20, defaultSort: { column: "p95_latency", order: "DESC" } }),
    },
    width: 6,
    height: 5,
    fill: "Named traces with an end time",
  },
  {
    id: "latency-by-model",
    title: "Generation latency by model",
    description: "p50, p95 and p99 of generation latency per model",
    spec: {
      view: "observations",
      dimensions: [{ field: "providedModelName" }],
      metrics: [
        { measure: "latency", agg: "p50" },
        { measure: "latency", agg: "p95" },
        { measure: "latency", agg: "p99" },
      ],
      filters: GENERATIONS,
      ...chart("PIVOT_TABLE", { row_limit: 20, defaultSort: { column: "p95_latency", order: "DESC" } }),
    },
    width: 6,
    height: 5,
    fill: "Generations with a model, a start and an end time",
  },
  {
    id: "ttft-over-time",
    title: "Time to first token",
    description: "p50 and p95 of time to first token (completionStartTime) per bucket",
    spec: {
      view: "observations",
      dimensions: [],
      metrics: [
        { measure: "timeToFirstToken", agg: "p50" },
        { measure: "timeToFirstToken", agg: "p95" },
      ],
      filters: GENERATIONS,
      ...chart("LINE_TIME_SERIES"),
    },
    width: 6,
    height: 5,
    fill: "Streamed generations that report completionStartTime",
  },
  {
    id: "error-rate",
    title: "Error rate",
    description: "Share of observations with level ERROR per bucket",
    spec: {
      view: "observations",
      dimensions: [],
      metrics: [{ measure: "error", agg: "avg" }],
      filters: [],
      ...chart("LINE_TIME_SERIES"),
    },
    width: 6,
    height: 5,
    fill: "Observations; those with level ERROR count as errors",
  },
  {
    id: "scores-over-time",
    title: "Score averages",
    description: "Average of each numeric score per bucket",
    spec: {
      view: "scores-numeric",
      dimensions: [{ field: "name" }],
      metrics: [{ measure: "value", agg: "avg" }],
      filters: [],
      ...chart("LINE_TIME_SERIES"),
    },
    width: 6,
    height: 5,
    fill: "Numeric scores from the SDKs, annotations or evaluators",
  },
  {
    id: "categorical-scores",
    title: "Categorical scores",
    description: "Count of each value of each categorical score",
    spec: {
      view: "scores-categorical",
      dimensions: [{ field: "name" }, { field: "stringValue" }],
      metrics: [{ measure: "count", agg: "count" }],
      filters: [],
      ...chart("HEATMAP"),
    },
    width: 6,
    height: 5,
    fill: "Categorical scores (a score config with categories, or string values)",
  },
  {
    id: "top-users",
    title: "Top users by cost",
    description: "Users whose traces cost the most",
    spec: {
      view: "traces",
      dimensions: [{ field: "userId" }],
      metrics: [{ measure: "totalCost", agg: "sum" }],
      filters: [{ type: "null" as const, column: "userId", operator: "is not null" as const }],
      ...chart("HORIZONTAL_BAR", { row_limit: 10 }),
    },
    width: 4,
    height: 5,
    fill: "Traces with a userId",
  },
  {
    id: "top-sessions",
    title: "Top sessions by cost",
    description: "Sessions whose traces cost the most",
    spec: {
      view: "traces",
      dimensions: [{ field: "sessionId" }],
      metrics: [{ measure: "totalCost", agg: "sum" }],
      filters: [{ type: "null" as const, column: "sessionId", operator: "is not null" as const }],
      ...chart("HORIZONTAL_BAR", { row_limit: 10 }),
    },
    width: 4,
    height: 5,
    fill: "Traces with a sessionId",
  },
  {
    id: "top-tags",
    title: "Top tags by cost",
    description: "Tags whose traces cost the most",
    spec: {
      view: "traces",
      dimensions: [{ field: "tag" }],
      metrics: [{ measure: "totalCost", agg: "sum" }],
      filters: [],
      ...chart("HORIZONTAL_BAR", { row_limit: 10 }),
    },
    width: 4,
    height: 5,
    fill: "Traces with tags",
  },
  {
    id: "model-mix-requests",
    title: "Model mix: requests",
    description: "Share of generations per model",
    spec: {
      view: "observations",
      dimensions: [{ field: "providedModelName" }],
      metrics: [{ measure: "count", agg: "count" }],
      filters: GENERATIONS,
      ...chart("PIE", { row_limit: 8 }),
    },
    width: 4,
    height: 5,
    fill: GENERATIONS_FILL,
  },
  {
    id: "model-mix-cost",
    title: "Model mix: cost",
    description: "Share of cost per model",
    spec: {
      view: "observations",
      dimensions: [{ field: "providedModelName" }],
      metrics: [{ measure: "totalCost", agg: "sum" }],
      filters: GENERATIONS,
      ...chart("PIE", { row_limit: 8 }),
    },
    width: 4,
    height: 5,
    fill: GENERATIONS_FILL,
  },
  {
    id: "tokens-per-request",
    title: "Tokens per request",
    description: "Distribution of total tokens per generation",
    spec: {
      view: "observations",
      dimensions: [],
      metrics: [{ measure: "totalTokens", agg: "histogram" }],
      filters: GENERATIONS,
      ...chart("HISTOGRAM", { bins: 12 }),
    },
    width: 4,
    height: 5,
    fill: "Generations that report token usage",
  },
  {
    id: "tool-usage",
    title: "Tool usage",
    description: "TOOL observations by name × hour of day (UTC); each cell's tooltip has its error share",
    spec: {
      view: "observations",
      dimensions: [{ field: "name" }, { field: "hourOfDay" }],
      metrics: [
        { measure: "count", agg: "count" },
        { measure: "error", agg: "avg" },
      ],
      filters: TOOLS,
      ...chart("HEATMAP"),
    },
    width: 12,
    height: 5,
    fill: "Observations of type TOOL (function and tool calls)",
  },
];

export const homePanel = (id: string) => HOME_PANELS.find((p) => p.id === id);

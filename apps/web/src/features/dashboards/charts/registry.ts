import type { WidgetChartType } from "@loupe/contracts";
import type { ComponentType } from "react";
import { HeatmapChart } from "./heatmap-chart";
import { HistogramChart } from "./histogram-chart";
import { NumberChart } from "./number-chart";
import { PieChart } from "./pie-chart";
import { TableChart } from "./table-chart";
import { TimeSeriesChart } from "./time-series-chart";
import { TotalsChart } from "./totals-chart";
import type { ChartProps } from "./types";

/** One renderer per chart type; a type without one does not compile. */
export const CHART_RENDERERS = {
  LINE_TIME_SERIES: TimeSeriesChart,
  AREA_TIME_SERIES: TimeSeriesChart,
  BAR_TIME_SERIES: TimeSeriesChart,
  HORIZONTAL_BAR: TotalsChart,
  VERTICAL_BAR: TotalsChart,
  PIE: PieChart,
  NUMBER: NumberChart,
  HISTOGRAM: HistogramChart,
  PIVOT_TABLE: TableChart,
  HEATMAP: HeatmapChart,
} satisfies Record<WidgetChartType, ComponentType<ChartProps>>;

export const CHART_LABELS = {
  LINE_TIME_SERIES: "Line over time",
  AREA_TIME_SERIES: "Area over time",
  BAR_TIME_SERIES: "Bars over time",
  HORIZONTAL_BAR: "Horizontal bars",
  VERTICAL_BAR: "Vertical bars",
  PIE: "Pie",
  NUMBER: "Big number",
  HISTOGRAM: "Histogram",
  PIVOT_TABLE: "Table",
  HEATMAP: "Heatmap",
} satisfies Record<WidgetChartType, string>;

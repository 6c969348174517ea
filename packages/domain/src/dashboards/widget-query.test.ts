import { ZDashboardFilterQuery, ZMetricsQuery, type TWidgetSpec } from "@loupe/contracts";
import { describe, expect, it } from "vitest";
import { HOME_PANELS } from "./home-panels.ts";
import {
  bucketEnd,
  bucketStart,
  bucketStarts,
  dashboardFilterConditions,
  dashboardTimeRange,
  previousPeriod,
  resolveGranularity,
  unappliedFilters,
  widgetMetricsQuery,
} from "./widget-query.ts";

const range = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-08T00:00:00Z") };
const spec = (over: Partial<TWidgetSpec>): TWidgetSpec => ({
  view: "observations",
  dimensions: [],
  metrics: [{ measure: "totalCost", agg: "sum" }],
  filters: [],
  chartType: "LINE_TIME_SERIES",
  chartConfig: { type: "LINE_TIME_SERIES" },
  ...over,
});

describe("widgetMetricsQuery", () => {
  it("compiles a time series with a resolved bucket and the dashboard's filters after the widget's", () => {
    const q = widgetMetricsQuery(
      spec({ filters: [{ type: "stringOptions", column: "type", operator: "any of", value: ["GENERATION"] }] }),
      {
        range,
        filters: [{ type: "stringOptions", column: "environment", operator: "any of", value: ["prod"] }],
      },
    );
    expect(q).toMatchObject({
      view: "observations",
      metrics: [{ measure: "totalCost", aggregation: "sum" }],
      timeDimension: { granularity: "day" },
      fromTimestamp: "2026-11-01T00:00:00.000Z",
      toTimestamp: "2026-11-08T00:00:00.000Z",
      config: { row_limit: 1000 },
    });
    expect(q.filters.map((f) => f.column)).toEqual(["type", "environment"]);
    expect(ZMetricsQuery.safeParse(q).success).toBe(true);
  });

  it("orders totals by the first metric, descending, unless the widget says otherwise", () => {
    const bars = widgetMetricsQuery(
      spec({
        chartType: "HORIZONTAL_BAR",
        chartConfig: { type: "HORIZONTAL_BAR", row_limit: 5 },
        dimensions: [{ field: "metadata.tier" }],
      }),
      { range },
    );
    expect(bars).toMatchObject({ timeDimension: null, orderBy: [{ field: "sum_totalCost", direction: "desc" }], config: { row_limit: 5 } });
    const table = widgetMetricsQuery(
      spec({
        chartType: "PIVOT_TABLE",
        chartConfig: { type: "PIVOT_TABLE", defaultSort: { column: "name", order: "ASC" } },
        dimensions: [{ field: "name" }],
      }),
      { range },
    );
    expect(table.orderBy).toEqual([{ field: "name", direction: "asc" }]);
  });

  it("compiles every home panel into a valid metrics query", () => {
    for (const panel of HOME_PANELS)
      expect(ZMetricsQuery.safeParse(widgetMetricsQuery(panel.spec, { range })).success, panel.id).toBe(true);
  });
});

describe("dashboard filters", () => {
  const filters = ZDashboardFilterQuery.parse({ name: "chat", model: "gpt-4o", tags: "a,b", userId: "ann" });
  it("land on each view's own column", () => {
    expect(dashboardFilterConditions("observations", filters)).toEqual([
      { type: "stringOptions", column: "traceName", operator: "any of", value: ["chat"] },
      { type: "arrayOptions", column: "tags", operator: "all of", value: ["a", "b"] },
      { type: "stringOptions", column: "userId", operator: "any of", value: ["ann"] },
      { type: "stringOptions", column: "providedModelName", operator: "any of", value: ["gpt-4o"] },
    ]);
    expect(dashboardFilterConditions("traces", filters).map((f) => f.column)).toEqual(["name", "tags", "userId"]);
  });
  it("name the ones a view cannot apply", () => {
    expect(unappliedFilters("traces", filters)).toEqual(["model"]);
    expect(unappliedFilters("scores-numeric", filters)).toEqual(["userId", "model"]);
  });
});

describe("time windows", () => {
  it("resolves presets against now and keeps a custom window", () => {
    const now = Date.parse("2026-12-01T12:00:00Z");
    expect(dashboardTimeRange({ range: "24h" }, now)).toEqual({ from: new Date("2026-11-30T12:00:00Z"), to: new Date(now) });
    // Widened to whole hours (what the rollups answer) from a day up; shorter presets stay exact.
    const later = Date.parse("2026-12-01T12:20:00Z");
    expect(dashboardTimeRange({ range: "7d" }, later)).toEqual({
      from: new Date("2026-11-24T12:00:00Z"),
      to: new Date("2026-12-01T13:00:00Z"),
    });
    expect(dashboardTimeRange({ range: "1h" }, later)).toEqual({ from: new Date("2026-12-01T11:20:00Z"), to: new Date(later) });
    expect(dashboardTimeRange({ range: "7d", from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z" }, now).from.toISOString()).toBe(
      "2026-11-01T00:00:00.000Z",
    );
    expect(previousPeriod(range)).toEqual({ from: new Date("2026-10-25T00:00:00Z"), to: range.from });
  });
  it("buckets like Postgres date_trunc in UTC", () => {
    expect(resolveGranularity({ from: new Date(0), to: new Date(3_600_000) })).toBe("minute");
    expect(resolveGranularity({ from: new Date(0), to: new Date(86_400_000) })).toBe("hour");
    expect(resolveGranularity(range, "week")).toBe("week");
    expect(bucketStart(new Date("2026-11-05T13:45:00Z"), "week").toISOString()).toBe("2026-11-02T00:00:00.000Z"); // Monday
    expect(bucketEnd(new Date("2026-11-01T00:00:00Z"), "month").toISOString()).toBe("2026-12-01T00:00:00.000Z");
    const days = bucketStarts({ from: new Date("2026-11-01T06:00:00Z"), to: new Date("2026-11-04T00:00:00Z") }, "day");
    expect(days.map((d) => d.toISOString().slice(0, 10))).toEqual(["2026-11-01", "2026-11-02", "2026-11-03"]);
  });
});

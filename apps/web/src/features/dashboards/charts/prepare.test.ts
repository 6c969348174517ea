import type { TWidgetSpec } from "@loupe/contracts";
import { describe, expect, it } from "vitest";
import { rowsToCsv } from "../csv";
import { drilldownHref } from "../drilldown";
import { draftFromWidget, draftToSpec, newDraft } from "../widget-draft";
import { formatValue, unitOf } from "./format";
import { cellKey, MAX_SERIES, prepareHeatmap, prepareNumber, prepareShares, prepareTimeSeries } from "./prepare";

const range = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-04T00:00:00Z") };
const spec = (over: Partial<TWidgetSpec>): TWidgetSpec => ({
  view: "observations",
  dimensions: [],
  metrics: [{ measure: "count", agg: "count" }],
  filters: [],
  chartType: "BAR_TIME_SERIES",
  chartConfig: { type: "BAR_TIME_SERIES", granularity: "day" },
  ...over,
});
const day = (d: string) => `2026-11-0${d}T00:00:00.000Z`;

describe("prepareTimeSeries", () => {
  it("fills every bucket: zero for counts, a gap for percentiles", () => {
    const counts = prepareTimeSeries([{ time_dimension: day("2"), count_count: 4 }], spec({}), range);
    expect(counts.points.map((p) => p.s0)).toEqual([0, 4, 0]);
    const p95 = prepareTimeSeries(
      [{ time_dimension: day("2"), p95_latency: 900 }],
      spec({ metrics: [{ measure: "latency", agg: "p95" }] }),
      range,
    );
    expect(p95.points.map((p) => p.s0)).toEqual([null, 900, null]);
  });

  it("makes one series per dimension value, folding the smallest into Other", () => {
    const rows = Array.from({ length: MAX_SERIES + 2 }, (_, i) => ({
      time_dimension: day("1"),
      providedModelName: `m${i}`,
      count_count: i + 1,
    }));
    const { series, points } = prepareTimeSeries(rows, spec({ dimensions: [{ field: "providedModelName" }] }), range);
    expect(series).toHaveLength(MAX_SERIES + 1);
    expect(series.at(-1)?.label).toBe("Other");
    const other = series.at(-1)?.key as string;
    expect(points[0]?.[other]).toBe(1 + 2); // m0 and m1, summed
  });
});

describe("totals, numbers, heatmaps", () => {
  it("gives pie slices their share", () => {
    const shares = prepareShares(
      [
        { providedModelName: "a", sum_totalCost: 3 },
        { providedModelName: null, sum_totalCost: 1 },
      ],
      spec({ chartType: "PIE", dimensions: [{ field: "providedModelName" }], metrics: [{ measure: "totalCost", agg: "sum" }] }),
    );
    expect(shares.map((s) => [s.label, s.share])).toEqual([
      ["a", 0.75],
      ["(none)", 0.25],
    ]);
  });
  it("compares a big number with the previous period", () => {
    const s = spec({ chartType: "NUMBER" });
    expect(prepareNumber([{ count_count: 15 }], [{ count_count: 10 }], s)).toEqual({ value: 15, change: 0.5 });
    expect(prepareNumber([{ count_count: 15 }], [{ count_count: 0 }], s).change).toBeNull();
  });
  it("lays out a heatmap with hours in order and the second metric per cell", () => {
    const h = prepareHeatmap(
      [
        { name: "search", hourOfDay: 10, count_count: 2, avg_error: 0.5 },
        { name: "search", hourOfDay: 9, count_count: 1, avg_error: 0 },
        { name: "lookup", hourOfDay: 9, count_count: 5, avg_error: 0 },
      ],
      spec({
        chartType: "HEATMAP",
        dimensions: [{ field: "name" }, { field: "hourOfDay" }],
        metrics: [
          { measure: "count", agg: "count" },
          { measure: "error", agg: "avg" },
        ],
      }),
    );
    expect(h.xs).toEqual(["9", "10"]);
    expect(h.ys).toEqual(["lookup", "search"]);
    expect(h.max).toBe(5);
    expect(h.second.get(cellKey("search", "10"))).toBe(0.5);
  });
});

describe("formatting", () => {
  it("reads units off the semantic layer's catalog", () => {
    expect(formatValue(unitOf({ measure: "totalCost", agg: "sum" }), 0.00042)).toBe("$0.00042");
    expect(formatValue(unitOf({ measure: "latency", agg: "p95" }), 2400)).toBe("2.40 s");
    expect(formatValue(unitOf({ measure: "error", agg: "avg" }), 0.052)).toBe("5.2%");
    expect(formatValue(unitOf({ measure: "inputTokens", agg: "sum" }), 12345)).toBe("12,345");
    expect(formatValue(unitOf({ measure: "latency", agg: "count" }), 3)).toBe("3");
  });
});

describe("drill-down", () => {
  it("opens the traces table on the clicked bucket with the dashboard's filters and the bar's value", () => {
    const href = drilldownHref(
      "p1",
      spec({ view: "traces", dimensions: [{ field: "userId" }] }),
      { range: "7d", name: "chat", tags: ["a", "b"] },
      range,
      { bucketStart: Date.parse(day("2")), values: { userId: "ann" } },
    );
    const url = new URL(href, "http://x");
    expect(url.pathname).toBe("/project/p1/traces");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      from: "2026-11-02T00:00:00.000Z",
      to: "2026-11-03T00:00:00.000Z",
      name: "chat",
      tags: "a,b",
      userId: "ann",
    });
  });
  it("opens observations of the widget's type, errors only for an error rate", () => {
    const href = drilldownHref(
      "p1",
      spec({
        metrics: [{ measure: "error", agg: "avg" }],
        filters: [{ type: "stringOptions", column: "type", operator: "any of", value: ["TOOL"] }],
      }),
      { range: "7d", model: "gpt-4o", name: "chat" },
      range,
      { values: { providedModelName: "gpt-4o-mini" } },
    );
    const url = new URL(href, "http://x");
    expect(url.pathname).toBe("/project/p1/observations");
    expect(url.searchParams.get("type")).toBe("TOOL");
    expect(url.searchParams.get("minLevel")).toBe("ERROR");
    expect(url.searchParams.get("model")).toBe("gpt-4o-mini");
    expect(url.searchParams.has("name")).toBe(false); // the table's name is the observation's
  });
});

describe("widget editor draft", () => {
  it("turns a metadata breakdown into a `metadata.<key>` dimension and back", () => {
    const draft = { ...newDraft(), chartType: "HORIZONTAL_BAR" as const, dimensions: [{ field: "metadata", metadataKey: "tier" }] };
    const { spec: s, problems } = draftToSpec({
      ...draft,
      filters: [{ field: "metadata", metadataKey: "region", operator: "any of", values: "eu, us" }],
    });
    expect(problems).toEqual([]);
    expect(s.dimensions).toEqual([{ field: "metadata.tier" }]);
    expect(s.filters).toEqual([{ type: "stringOptions", column: "metadata.region", operator: "any of", value: ["eu", "us"] }]);
    const back = draftFromWidget({ ...s, id: "w", name: "n", description: "", createdAt: "", updatedAt: "" });
    expect(back.dimensions).toEqual([{ field: "metadata", metadataKey: "tier" }]);
    expect(draftToSpec({ ...draft, dimensions: [{ field: "metadata", metadataKey: " " }] }).problems[0]).toMatch(/metadata key/);
  });
});

describe("CSV", () => {
  it("quotes separators and defuses formulas", () => {
    expect(
      rowsToCsv([
        { name: 'a,"b"', n: 1 },
        { name: "=HYPERLINK()", n: -2 },
      ]),
    ).toBe('name,n\r\n"a,""b""",1\r\n\'=HYPERLINK(),-2');
  });
});

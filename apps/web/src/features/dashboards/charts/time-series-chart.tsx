"use client";

import { resolveGranularity } from "@loupe/domain";
import { useState } from "react";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { valueAxis } from "./axis";
import { axisProps, ChartLegend, seriesColor, TooltipBox } from "./chart-parts";
import { formatValue, unitOf } from "./format";
import { prepareTimeSeries } from "./prepare";
import type { ChartProps } from "./types";

const timeLabel = (t: number, granularity: string, long = false) => {
  const d = new Date(t);
  if (granularity === "minute" || granularity === "hour")
    return d.toLocaleString("en-GB", { ...(long ? { day: "2-digit", month: "short" } : {}), hour: "2-digit", minute: "2-digit" });
  if (granularity === "month") return d.toLocaleDateString("en-GB", { month: "short", year: "numeric" });
  return d.toLocaleDateString("en-GB", { day: "2-digit", month: "short" });
};

/** Line, area and bar over time. */
export function TimeSeriesChart({ spec, rows, range, onDrill }: ChartProps) {
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const data = prepareTimeSeries(rows, spec, range);
  const granularity = resolveGranularity(range, spec.chartConfig.granularity);
  const unitOfSeries = (metric: number) => unitOf(spec.metrics[metric] ?? { measure: "count", agg: "count" });
  const format = (metric: number, v: number | null) => formatValue(unitOfSeries(metric), v);
  const legend = data.series.map((s, i) => ({ key: s.key, label: s.label, color: seriesColor(i) }));
  const toggle = (key: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  // A line through one or two points is invisible without its dots.
  const sparse = (key: string) => data.points.filter((p) => p[key] !== null && p[key] !== 0).length < 3;
  const Chart = spec.chartType === "BAR_TIME_SERIES" ? BarChart : spec.chartType === "AREA_TIME_SERIES" ? AreaChart : LineChart;
  const stacked = spec.dimensions.length > 0 && spec.metrics.every((m) => ["sum", "count"].includes(m.agg));
  const visible = data.series.filter((s) => !hidden.has(s.key));
  const heights = data.points.map((p) =>
    stacked ? visible.reduce((a, s) => a + Math.max(0, p[s.key] ?? 0), 0) : Math.max(0, ...visible.map((s) => p[s.key] ?? 0)),
  );
  const yAxis = valueAxis(
    data.series.map((s) => unitOfSeries(s.metric)),
    Math.max(0, ...heights),
  );
  return (
    <div className="flex h-full flex-col">
      <div className="min-h-0 flex-1">
        <ResponsiveContainer width="100%" height="100%">
          <Chart
            data={data.points}
            margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
            // Lines and areas: the hovered bucket (bars drill from the bar itself, below).
            onClick={(e) => {
              if (spec.chartType === "BAR_TIME_SERIES" || e?.activeIndex === null || e?.activeIndex === undefined) return;
              const point = data.points[Number(e.activeIndex)];
              if (point && onDrill) onDrill({ bucketStart: point.t });
            }}
            style={{ cursor: onDrill ? "pointer" : undefined }}
          >
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="t" {...axisProps} tickFormatter={(t: number) => timeLabel(t, granularity)} minTickGap={24} />
            <YAxis {...axisProps} width={56} {...yAxis} />
            <Tooltip
              cursor={{ fill: "var(--muted)", stroke: "var(--border)" }}
              content={({ active, payload, label }) =>
                active && payload?.length ? (
                  <TooltipBox
                    title={timeLabel(Number(label), granularity, true)}
                    rows={data.series
                      .filter((s) => !hidden.has(s.key))
                      .map((s) => ({
                        label: s.label,
                        value: format(s.metric, ((payload[0]?.payload ?? {}) as Record<string, number | null>)[s.key] ?? null),
                        color: seriesColor(data.series.indexOf(s)),
                      }))}
                  />
                ) : null
              }
            />
            {data.series.map((s, i) =>
              spec.chartType === "BAR_TIME_SERIES" ? (
                <Bar
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  fill={seriesColor(i)}
                  stackId={stacked ? "a" : undefined}
                  hide={hidden.has(s.key)}
                  isAnimationActive={false}
                  maxBarSize={28}
                  onClick={(bar: { payload?: { t?: number } }) => {
                    if (bar.payload?.t !== undefined && onDrill) onDrill({ bucketStart: bar.payload.t });
                  }}
                />
              ) : spec.chartType === "AREA_TIME_SERIES" ? (
                <Area
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  stroke={seriesColor(i)}
                  fill={seriesColor(i)}
                  fillOpacity={0.18}
                  stackId={stacked ? "a" : undefined}
                  hide={hidden.has(s.key)}
                  isAnimationActive={false}
                  type="monotone"
                  connectNulls={false}
                />
              ) : (
                <Line
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  stroke={seriesColor(i)}
                  strokeWidth={1.75}
                  dot={sparse(s.key) ? { r: 2.5, fill: seriesColor(i) } : false}
                  hide={hidden.has(s.key)}
                  isAnimationActive={false}
                  type="monotone"
                  connectNulls={false}
                />
              ),
            )}
          </Chart>
        </ResponsiveContainer>
      </div>
      <ChartLegend items={legend} hidden={hidden} onToggle={toggle} />
    </div>
  );
}

"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { valueAxis } from "./axis";
import { axisProps, seriesColor, TooltipBox } from "./chart-parts";
import { formatTick, formatValue, unitOf } from "./format";
import { prepareHistogram } from "./prepare";
import type { ChartProps } from "./types";

/** Equal-width bins of one measure (the semantic layer's histogram aggregation). */
export function HistogramChart({ spec, rows }: ChartProps) {
  const metric = spec.metrics[0] ?? { measure: "count", agg: "histogram" as const };
  const unit = unitOf({ ...metric, agg: "sum" });
  const bins = prepareHistogram(rows, spec).map((b) => ({ ...b, label: formatTick(unit, b.lo) }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={bins} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap={1}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" {...axisProps} />
        <YAxis {...axisProps} width={48} {...valueAxis(["count"], Math.max(0, ...bins.map((b) => b.count)))} />
        <Tooltip
          cursor={{ fill: "var(--muted)" }}
          content={({ active, payload }) => {
            const b = payload?.[0]?.payload as (typeof bins)[number] | undefined;
            return active && b ? (
              <TooltipBox
                title={`${formatValue(unit, b.lo)} – ${formatValue(unit, b.hi)}`}
                rows={[{ label: "Count", value: formatValue("count", b.count), color: seriesColor(0) }]}
              />
            ) : null;
          }}
        />
        <Bar dataKey="count" fill={seriesColor(0)} isAnimationActive={false} radius={[2, 2, 0, 0]} />
      </BarChart>
    </ResponsiveContainer>
  );
}

"use client";

import { useState } from "react";
import { Cell, Pie, PieChart as RechartsPie, ResponsiveContainer, Tooltip } from "recharts";
import { ChartLegend, seriesColor, TooltipBox } from "./chart-parts";
import { formatPercent, formatValue, metricLabel, unitOf } from "./format";
import { prepareShares } from "./prepare";
import type { ChartProps } from "./types";

/** Shares of one metric per dimension value; the legend hides slices (and the shares re-add up). */
export function PieChart({ spec, rows, onDrill }: ChartProps) {
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const all = prepareShares(rows, spec);
  const visible = all.filter((s) => !hidden.has(s.label));
  const visibleTotal = visible.reduce((a, s) => a + s.value, 0);
  const shown = visible.map((s) => ({ ...s, share: visibleTotal > 0 ? s.value / visibleTotal : 0 }));
  const metric = spec.metrics[0] ?? { measure: "count", agg: "count" as const };
  const field = spec.dimensions[0]?.field;
  const colorOf = (label: string) =>
    seriesColor(
      Math.max(
        0,
        all.findIndex((s) => s.label === label),
      ),
    );
  return (
    <div className="flex h-full flex-col">
      <div className="min-h-0 flex-1">
        <ResponsiveContainer width="100%" height="100%">
          <RechartsPie>
            <Pie
              data={shown}
              dataKey="value"
              nameKey="label"
              innerRadius="55%"
              outerRadius="90%"
              paddingAngle={1}
              isAnimationActive={false}
              onClick={(_, index) => {
                const slice = shown[index];
                if (slice && field && onDrill) onDrill({ values: { [field]: slice.raw } });
              }}
              style={{ cursor: onDrill && field ? "pointer" : undefined }}
            >
              {shown.map((s) => (
                <Cell key={s.label} fill={colorOf(s.label)} stroke="var(--background)" />
              ))}
            </Pie>
            <Tooltip
              content={({ active, payload }) => {
                const s = payload?.[0]?.payload as (typeof shown)[number] | undefined;
                return active && s ? (
                  <TooltipBox
                    title={s.label}
                    rows={[
                      { label: metricLabel(metric), value: formatValue(unitOf(metric), s.value), color: colorOf(s.label) },
                      { label: "Share", value: formatPercent(s.share) },
                    ]}
                  />
                ) : null;
              }}
            />
          </RechartsPie>
        </ResponsiveContainer>
      </div>
      <ChartLegend
        items={all.map((s, i) => ({ key: s.label, label: `${s.label} ${formatPercent(s.share)}`, color: seriesColor(i) }))}
        hidden={hidden}
        onToggle={(key) => setHidden((h) => (h.has(key) ? new Set([...h].filter((x) => x !== key)) : new Set([...h, key])))}
      />
    </div>
  );
}

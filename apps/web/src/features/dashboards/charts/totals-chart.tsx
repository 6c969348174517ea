"use client";

import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { valueAxis } from "./axis";
import { axisProps, ChartLegend, seriesColor, TooltipBox } from "./chart-parts";
import { formatValue, metricLabel, unitOf } from "./format";
import { prepareTotals } from "./prepare";
import type { ChartProps } from "./types";

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Bars of totals per dimension value, horizontal (ranked lists) or vertical. */
export function TotalsChart({ spec, rows, onDrill }: ChartProps) {
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const items = prepareTotals(rows, spec);
  const data = items.map((item, i) => ({ i, label: item.label, ...Object.fromEntries(item.values.map((v, k) => [`m${k}`, v])) }));
  const horizontal = spec.chartType === "HORIZONTAL_BAR";
  const valuesAxis = valueAxis(
    spec.metrics.map(unitOf),
    Math.max(0, ...items.flatMap((item) => item.values.filter((v, k) => !hidden.has(`m${k}`) && v !== null) as number[])),
  );
  const legend = spec.metrics.map((m, k) => ({ key: `m${k}`, label: metricLabel(m), color: seriesColor(k) }));
  const field = spec.dimensions[0]?.field;
  const drill = (index: number) => {
    const item = items[index];
    if (item && field && onDrill) onDrill({ values: { [field]: item.raw } });
  };
  const categoryAxis = { dataKey: "label", type: "category" as const, ...axisProps, interval: 0 };
  return (
    <div className="flex h-full flex-col">
      <div className="min-h-0 flex-1">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={data}
            layout={horizontal ? "vertical" : "horizontal"}
            margin={{ top: 4, right: 16, bottom: 0, left: 0 }}
            style={{ cursor: onDrill && field ? "pointer" : undefined }}
          >
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" horizontal={!horizontal} vertical={horizontal} />
            {horizontal ? (
              <>
                <XAxis type="number" {...axisProps} {...valuesAxis} />
                <YAxis {...categoryAxis} width={120} tickFormatter={(s: string) => truncate(s, 18)} />
              </>
            ) : (
              <>
                <XAxis {...categoryAxis} tickFormatter={(s: string) => truncate(s, 12)} />
                <YAxis type="number" {...axisProps} width={56} {...valuesAxis} />
              </>
            )}
            <Tooltip
              cursor={{ fill: "var(--muted)" }}
              content={({ active, payload }) => {
                const p = payload?.[0]?.payload as Record<string, unknown> | undefined;
                return active && p ? (
                  <TooltipBox
                    title={String(p.label)}
                    rows={spec.metrics.map((m, k) => ({
                      label: metricLabel(m),
                      value: formatValue(unitOf(m), p[`m${k}`] as number | null),
                      color: seriesColor(k),
                    }))}
                  />
                ) : null;
              }}
            />
            {spec.metrics.map((m, k) => (
              <Bar
                key={m.measure + m.agg}
                dataKey={`m${k}`}
                fill={seriesColor(k)}
                hide={hidden.has(`m${k}`)}
                isAnimationActive={false}
                maxBarSize={22}
                onClick={(_: unknown, index: number) => drill(index)}
                radius={2}
              >
                {spec.metrics.length === 1 ? data.map((d) => <Cell key={d.i} fill={seriesColor(0)} />) : null}
                {spec.chartConfig.show_value_labels ? (
                  <LabelList
                    dataKey={`m${k}`}
                    position={horizontal ? "right" : "top"}
                    formatter={(v: unknown) => formatValue(unitOf(m), v as number)}
                    fontSize={11}
                    fill="var(--muted-foreground)"
                  />
                ) : null}
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ChartLegend
        items={legend}
        hidden={hidden}
        onToggle={(key) => setHidden((h) => (h.has(key) ? new Set([...h].filter((x) => x !== key)) : new Set([...h, key])))}
      />
    </div>
  );
}

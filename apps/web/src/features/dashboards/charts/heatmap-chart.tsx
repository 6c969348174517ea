"use client";

import { dimensionLabel, formatValue, metricLabel, unitOf } from "./format";
import { cellKey, prepareHeatmap } from "./prepare";
import type { ChartProps } from "./types";

/**
 * Two dimensions × one metric as a grid of cells shaded by value (recharts has no heatmap; a CSS grid
 * of buttons is accessible and cheap). Each cell's title carries the exact value.
 */
export function HeatmapChart({ spec, rows, onDrill }: ChartProps) {
  const metric = spec.metrics[0] ?? { measure: "count", agg: "count" as const };
  const unit = unitOf(metric);
  const { xs, ys, cells, second, max } = prepareHeatmap(rows, spec);
  const other = spec.metrics[1];
  const [yField, xField] = [spec.dimensions[0]?.field ?? "", spec.dimensions[1]?.field ?? ""];
  return (
    <div className="h-full overflow-auto text-[11px]">
      <table className="border-separate border-spacing-0.5">
        <thead>
          <tr>
            <th className="sticky left-0 bg-background px-1 text-left font-medium text-muted-foreground">
              {dimensionLabel(yField)} \ {dimensionLabel(xField)}
            </th>
            {xs.map((x) => (
              <th key={x} className="min-w-9 px-0.5 text-center font-normal text-muted-foreground">
                {x}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ys.map((y) => (
            <tr key={y}>
              <th className="sticky left-0 max-w-40 truncate bg-background px-1 text-left font-normal" title={y}>
                {y}
              </th>
              {xs.map((x) => {
                const v = cells.get(cellKey(y, x));
                const intensity = v && max > 0 ? 0.15 + 0.85 * (v / max) : 0;
                const extra =
                  other && second.has(cellKey(y, x))
                    ? ` · ${metricLabel(other)} ${formatValue(unitOf(other), second.get(cellKey(y, x)))}`
                    : "";
                const label = `${y} × ${x}: ${formatValue(unit, v ?? 0)}${extra}`;
                return (
                  <td key={x} className="p-0">
                    <button
                      type="button"
                      title={label}
                      aria-label={label}
                      onClick={() => onDrill?.({ values: { [yField]: y, [xField]: x } })}
                      className="block h-7 w-full min-w-9 rounded-sm bg-muted hover:ring-1 hover:ring-ring"
                      style={
                        intensity > 0
                          ? { background: `color-mix(in srgb, var(--chart-1) ${Math.round(intensity * 100)}%, var(--muted))` }
                          : undefined
                      }
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

"use client";

import { metricKey } from "@loupe/domain";
import { useState } from "react";
import { cn } from "@/lib/shared/cn";
import { dimensionLabel, dimensionValue, formatValue, metricLabel, unitOf } from "./format";
import type { ChartProps } from "./types";

/** Rows of dimension values with their metrics; columns sort on click (the widget's defaultSort first). */
export function TableChart({ spec, rows, onDrill }: ChartProps) {
  const initial = spec.chartConfig.defaultSort;
  const [sort, setSort] = useState<{ column: string; desc: boolean } | null>(
    initial ? { column: initial.column, desc: initial.order === "DESC" } : null,
  );
  const keys = spec.metrics.map(metricKey);
  const sorted = sort
    ? [...rows].sort((a, b) => {
        const [x, y] = [a[sort.column], b[sort.column]];
        const cmp = typeof x === "number" && typeof y === "number" ? x - y : String(x ?? "").localeCompare(String(y ?? ""));
        return sort.desc ? -cmp : cmp;
      })
    : rows;
  const header = (column: string, label: string, numeric: boolean) => (
    <th
      key={column}
      className={cn("sticky top-0 bg-panel px-2 py-1.5 font-medium", numeric ? "text-right" : "text-left")}
      aria-sort={sort?.column === column ? (sort.desc ? "descending" : "ascending") : undefined}
    >
      <button
        type="button"
        className="inline-flex items-center gap-1 hover:text-foreground"
        onClick={() => setSort((s) => ({ column, desc: s?.column === column ? !s.desc : true }))}
      >
        {label}
        {sort?.column === column ? (sort.desc ? "↓" : "↑") : null}
      </button>
    </th>
  );
  return (
    <div className="h-full overflow-auto">
      <table className="w-full text-[13px]">
        <thead className="text-xs text-muted-foreground">
          <tr>
            {spec.dimensions.map((d) => header(d.field, dimensionLabel(d.field), false))}
            {spec.metrics.map((m, i) => header(keys[i] as string, metricLabel(m), true))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row, r) => (
            <tr
              key={r}
              className={cn("h-8 border-t", onDrill && spec.dimensions.length > 0 && "cursor-pointer hover:bg-muted")}
              onClick={() => onDrill?.({ values: Object.fromEntries(spec.dimensions.map((d) => [d.field, row[d.field]])) })}
            >
              {spec.dimensions.map((d) => (
                <td key={d.field} className="max-w-56 truncate px-2" title={dimensionValue(row[d.field])}>
                  {dimensionValue(row[d.field])}
                </td>
              ))}
              {spec.metrics.map((m, i) => (
                <td key={keys[i]} className="px-2 text-right font-mono tabular">
                  {formatValue(unitOf(m), row[keys[i] as string] as number | null)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

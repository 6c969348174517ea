"use client";

import { cn } from "@/lib/shared/cn";

// The pieces every chart shares: the palette (CSS variables, so light and dark follow the theme), a
// legend whose entries toggle their series, and a tooltip in the app's own look.

export const seriesColor = (i: number) => `var(--chart-${(i % 10) + 1})`;

export const axisProps = {
  stroke: "var(--muted-foreground)",
  tick: { fill: "var(--muted-foreground)", fontSize: 11 },
  tickLine: false,
  axisLine: { stroke: "var(--border)" },
} as const;

export function ChartLegend({
  items,
  hidden,
  onToggle,
}: {
  items: { key: string; label: string; color: string }[];
  hidden: Set<string>;
  onToggle: (key: string) => void;
}) {
  if (items.length < 2) return null;
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 px-1 pt-1 text-[11px]" aria-label="Series">
      {items.map((item) => (
        <li key={item.key}>
          <button
            type="button"
            aria-pressed={!hidden.has(item.key)}
            onClick={() => onToggle(item.key)}
            title={hidden.has(item.key) ? `Show ${item.label}` : `Hide ${item.label}`}
            className={cn("inline-flex max-w-48 items-center gap-1.5 rounded px-1 hover:bg-muted", hidden.has(item.key) && "opacity-40")}
          >
            <span className="h-2 w-2 shrink-0 rounded-sm" style={{ background: item.color }} />
            <span className="truncate">{item.label}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function TooltipBox({ title, rows }: { title: string; rows: { label: string; value: string; color?: string }[] }) {
  return (
    <div className="max-w-72 rounded-md border bg-background px-2.5 py-1.5 text-xs shadow-md">
      <p className="mb-1 font-medium">{title}</p>
      <ul className="space-y-0.5">
        {rows.map((r) => (
          <li key={r.label} className="flex items-center gap-2">
            {r.color ? <span className="h-2 w-2 shrink-0 rounded-sm" style={{ background: r.color }} /> : null}
            <span className="min-w-0 flex-1 truncate text-muted-foreground">{r.label}</span>
            <span className="font-mono tabular">{r.value}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

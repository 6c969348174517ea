"use client";

import { ArrowDownRight, ArrowUpRight } from "lucide-react";
import { cn } from "@/lib/shared/cn";
import { formatPercent, formatValue, unitOf } from "./format";
import { prepareNumber } from "./prepare";
import type { ChartProps } from "./types";

/** Costs, latencies and errors going up is bad; counts and scores going up is neutral-to-good. */
const UP_IS_BAD = new Set(["cost", "duration"]);

/** A big number with its change against the period of the same length just before. */
export function NumberChart({ spec, rows, previous }: ChartProps) {
  const metric = spec.metrics[0] ?? { measure: "count", agg: "count" as const };
  const unit = unitOf(metric);
  const { value, change } = prepareNumber(rows, previous, spec);
  const bad = change !== null && change !== 0 && change > 0 === UP_IS_BAD.has(unit);
  return (
    <div className="flex h-full flex-col justify-center gap-1 px-1">
      <p className="font-mono text-2xl font-semibold tabular" data-testid="big-number">
        {formatValue(unit, value)}
      </p>
      {previous ? (
        <p className="flex items-center gap-1 text-xs text-muted-foreground">
          {change === null ? (
            "no data in the previous period"
          ) : (
            <>
              <span
                className={cn(
                  "inline-flex items-center font-medium",
                  bad ? "text-danger" : change === 0 ? "" : "text-emerald-600 dark:text-emerald-400",
                )}
              >
                {change > 0 ? <ArrowUpRight className="h-3.5 w-3.5" /> : change < 0 ? <ArrowDownRight className="h-3.5 w-3.5" /> : null}
                {formatPercent(Math.abs(change))}
              </span>
              vs previous period
            </>
          )}
        </p>
      ) : null}
    </div>
  );
}

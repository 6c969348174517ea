"use client";

import type { TEvalExecutionsResponse } from "@loupe/contracts";

/**
 * A rule's scores per day: bar height is the day's average for numeric evaluators, else the day's count.
 * Plain SVG-free bars: one series of at most 30 points needs no chart library.
 */
export function ScoreChart({ daily }: { daily: TEvalExecutionsResponse["daily"] }) {
  const numeric = daily.some((d) => d.average !== null);
  const values = daily.map((d) => (numeric ? (d.average ?? 0) : d.count));
  const max = Math.max(1e-9, ...values);
  return (
    <figure className="flex min-h-24 flex-col rounded-lg border bg-panel p-3" aria-label="Scores per day">
      <figcaption className="text-xs text-muted-foreground">
        {numeric ? "Average score per day (30 days)" : "Scores per day (30 days)"}
      </figcaption>
      {daily.length === 0 ? (
        <p className="m-auto text-xs text-muted-foreground">No scores yet: they appear as the judge answers.</p>
      ) : (
        <div className="mt-2 flex flex-1 items-end gap-1" data-testid="score-chart">
          {daily.map((d, i) => (
            <div
              key={d.day}
              className="min-w-1.5 flex-1 rounded-t bg-accent/70"
              style={{ height: `${Math.max(4, ((values[i] ?? 0) / max) * 100)}%` }}
              title={`${d.day}: ${numeric ? `average ${d.average?.toFixed(3)} over ` : ""}${d.count} score${d.count === 1 ? "" : "s"}`}
            />
          ))}
        </div>
      )}
    </figure>
  );
}

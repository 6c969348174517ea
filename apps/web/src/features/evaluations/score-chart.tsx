"use client";

import type { TEvalExecutionsResponse } from "@loupe/contracts";

const DAYS = 30;

/** The last 30 UTC days, oldest first, as YYYY-MM-DD. */
function lastDays(now = Date.now()): string[] {
  return Array.from({ length: DAYS }, (_, i) => new Date(now - (DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/**
 * A rule's scores per day over 30 days: bar height is the day's average for numeric evaluators, else the
 * day's count; days without scores keep their slot so the time axis stays honest. One series of 30
 * points needs no chart library.
 */
export function ScoreChart({ daily }: { daily: TEvalExecutionsResponse["daily"] }) {
  const numeric = daily.some((d) => d.average !== null);
  const byDay = new Map(daily.map((d) => [d.day, d]));
  const value = (d: (typeof daily)[number] | undefined) => (d ? (numeric ? (d.average ?? 0) : d.count) : 0);
  const max = Math.max(1e-9, ...daily.map(value));
  const latest = daily.at(-1);
  const days = lastDays();
  return (
    <figure className="flex min-h-24 flex-col rounded-lg border bg-panel p-3" aria-label="Scores per day">
      <figcaption className="flex items-baseline justify-between text-xs text-muted-foreground">
        <span>{numeric ? "Average score per day" : "Scores per day"}</span>
        {latest ? (
          <span className="font-mono tabular-nums text-foreground">
            {numeric ? latest.average?.toFixed(2) : latest.count} <span className="text-muted-foreground">on {latest.day}</span>
          </span>
        ) : null}
      </figcaption>
      {daily.length === 0 ? (
        <p className="m-auto text-xs text-muted-foreground">No scores yet: they appear as the judge answers.</p>
      ) : (
        <>
          <div className="mt-2 flex h-12 items-end gap-px" data-testid="score-chart">
            {days.map((day) => {
              const d = byDay.get(day);
              return (
                <div
                  key={day}
                  className={d ? "flex-1 rounded-t-sm bg-accent/80" : "flex-1 border-b border-border"}
                  style={{ height: d ? `${Math.max(6, (value(d) / max) * 100)}%` : undefined }}
                  title={
                    d
                      ? `${day}: ${numeric ? `average ${d.average?.toFixed(3)} over ` : ""}${d.count} score${d.count === 1 ? "" : "s"}`
                      : `${day}: none`
                  }
                />
              );
            })}
          </div>
          <div className="mt-1 flex justify-between text-[10px] text-muted-foreground">
            <span>{days[0]}</span>
            <span>{days.at(-1)}</span>
          </div>
        </>
      )}
    </figure>
  );
}

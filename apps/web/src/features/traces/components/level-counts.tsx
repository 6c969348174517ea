import type { TObservationSummary } from "@loupe/contracts";
import { AlertTriangle, CircleX } from "lucide-react";

/** "2 errors · 1 warning" of a trace's observations, for its header (nothing when there are none). */
export function LevelCounts({ observations }: { observations: TObservationSummary[] }) {
  let errors = 0;
  let warnings = 0;
  for (const o of observations) {
    if (o.level === "ERROR") errors++;
    else if (o.level === "WARNING") warnings++;
  }
  if (errors === 0 && warnings === 0) return null;
  return (
    <span className="flex items-center gap-2 text-xs font-medium" data-testid="trace-level-counts">
      {errors > 0 ? (
        <span className="inline-flex items-center gap-1 text-danger">
          <CircleX className="h-3.5 w-3.5" aria-hidden />
          {errors} {errors === 1 ? "error" : "errors"}
        </span>
      ) : null}
      {warnings > 0 ? (
        <span className="inline-flex items-center gap-1 text-warning">
          <AlertTriangle className="h-3.5 w-3.5" aria-hidden />
          {warnings} {warnings === 1 ? "warning" : "warnings"}
        </span>
      ) : null}
    </span>
  );
}

"use client";

import type { TExperimentSummary } from "@loupe/contracts";
import { ChevronDown, ChevronRight } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { IdText } from "@/components/ui/id-text";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/states";
import { projectRoutes } from "@/lib/shared/routes";
import { useCancelExperiment, useExperiment, useExperiments } from "../hooks/use-experiments";

const STATUS_TONE = { RUNNING: "accent", DONE: "neutral", CANCELLED: "warning" } as const;

function Progress({ e }: { e: TExperimentSummary }) {
  const finished = e.counts.done + e.counts.failed + e.counts.cancelled;
  const pct = (n: number) => `${e.total === 0 ? 0 : (n / e.total) * 100}%`;
  return (
    <div className="w-40 shrink-0">
      <div
        className="flex h-1.5 overflow-hidden rounded-full bg-muted"
        role="progressbar"
        aria-label={`${e.runName} progress`}
        aria-valuemin={0}
        aria-valuemax={e.total}
        aria-valuenow={finished}
      >
        <span className="bg-accent" style={{ width: pct(e.counts.done) }} />
        <span className="bg-danger" style={{ width: pct(e.counts.failed) }} />
        <span className="bg-warning" style={{ width: pct(e.counts.cancelled) }} />
      </div>
      <p className="mt-1 text-xs tabular-nums text-muted-foreground" data-testid="experiment-progress">
        {e.counts.done} done · {e.counts.failed} failed · {e.total} total
      </p>
    </div>
  );
}

function ExperimentItems({ projectId, datasetId, experimentId }: { projectId: string; datasetId: string; experimentId: string }) {
  const detail = useExperiment(projectId, datasetId, experimentId);
  if (detail.isError)
    return <ErrorState title="Could not load the items" message={detail.error.message} onRetry={() => detail.refetch()} />;
  if (!detail.data) return <Skeleton className="h-10 w-full" />;
  const withNotes = detail.data.items.filter((i) => i.error !== null);
  if (withNotes.length === 0)
    return (
      <p className="px-3 py-2 text-xs text-muted-foreground">
        No item has failed{detail.data.experiment.status === "RUNNING" ? " so far" : ""}.
      </p>
    );
  return (
    <ul className="divide-y text-xs" aria-label="Item errors">
      {withNotes.map((i) => (
        <li key={i.id} className="flex items-start gap-3 px-3 py-1.5" data-testid="experiment-item-error">
          <Badge tone={i.status === "FAILED" ? "danger" : "warning"}>{i.status === "FAILED" ? "failed" : "evaluator"}</Badge>
          <span className="w-40 shrink-0">
            <IdText value={i.datasetItemId} copyLabel="Copy item id" />
          </span>
          {/* Errors may quote item content: rendered as text. */}
          <span className="min-w-0 flex-1 break-words">{i.error}</span>
          {i.traceId ? <IdText value={i.traceId} href={projectRoutes(projectId).trace(i.traceId)} copyLabel="Copy trace id" /> : null}
        </li>
      ))}
    </ul>
  );
}

/** The dataset's UI experiments: live progress (polled while one runs), cancel, and each failed item's reason. */
export function ExperimentsPanel({ projectId, datasetId, canRun }: { projectId: string; datasetId: string; canRun: boolean }) {
  const experiments = useExperiments(projectId, datasetId);
  const cancel = useCancelExperiment(projectId, datasetId);
  const [open, setOpen] = useState<string | null>(null);
  if (experiments.isError)
    return <ErrorState title="Could not load experiments" message={experiments.error.message} onRetry={() => experiments.refetch()} />;
  if (!experiments.data) return <Skeleton className="h-14 w-full" />;
  const list = experiments.data.data;
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="experiments-heading">
      <h2 id="experiments-heading" className="mb-2 text-sm font-semibold">
        Experiments
      </h2>
      <ul className="divide-y rounded-md border" aria-label="Experiments">
        {list.map((e) => (
          <li key={e.id} data-testid="experiment">
            <div className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm">
              <button
                type="button"
                className="flex min-w-0 flex-1 items-center gap-1.5 text-left"
                aria-expanded={open === e.id}
                onClick={() => setOpen(open === e.id ? null : e.id)}
              >
                {open === e.id ? <ChevronDown className="h-3.5 w-3.5 shrink-0" /> : <ChevronRight className="h-3.5 w-3.5 shrink-0" />}
                <span className="min-w-0">
                  <span className="block truncate font-medium">{e.runName}</span>
                  <span className="block truncate text-xs text-muted-foreground">
                    {e.promptName} v{e.promptVersion} · {e.connectionName} / {e.model}
                    {e.evaluatorNames.length > 0 ? ` · ${e.evaluatorNames.join(", ")}` : ""}
                  </span>
                </span>
              </button>
              <Badge tone={STATUS_TONE[e.status]}>{e.status.toLowerCase()}</Badge>
              <Progress e={e} />
              <span className="w-20 text-right text-xs text-muted-foreground">
                <RelativeTime iso={e.createdAt} />
              </span>
              {canRun && e.status === "RUNNING" ? (
                <Button size="sm" variant="danger" disabled={cancel.isPending} onClick={() => cancel.mutate(e.id)}>
                  Cancel
                </Button>
              ) : null}
            </div>
            {open === e.id ? (
              <div className="border-t bg-panel">
                <ExperimentItems projectId={projectId} datasetId={datasetId} experimentId={e.id} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {cancel.error ? <p className="mt-1 text-xs text-danger">{cancel.error.message}</p> : null}
    </section>
  );
}

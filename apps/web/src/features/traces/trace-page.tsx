"use client";

import { Globe, Link2, ListTree, Lock, SquareChartGantt } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { BackLink, DetailError, DetailLoading } from "@/components/ui/detail-states";
import { IdText } from "@/components/ui/id-text";
import { Stat } from "@/components/ui/stat";
import { cn } from "@/lib/cn";
import { formatCost, formatDuration, formatTimestamp, formatTokens } from "@/lib/format";
import { projectRoutes, sharedTraceUrl } from "@/lib/routes";
import { ObservationDetail } from "./components/observation-detail";
import { ObservationTree, TRACE_ROOT } from "./components/observation-tree";
import { PayloadView } from "./components/payload-view";
import { ScoresPanel } from "./components/scores-panel";
import { type TraceSource, useSetTracePublic, useTrace } from "./hooks/use-trace-detail";

/**
 * A trace: header, observation tree (or tree + timeline) and the selected node's detail. `shared`
 * renders the read-only view of a public trace for people without an account: no project links,
 * no score form, no share controls.
 */
export function TracePage({ projectId, traceId, shared = false }: { projectId: string; traceId: string; shared?: boolean }) {
  const source: TraceSource = { projectId, traceId, shared };
  const trace = useTrace(source);
  const [selectedId, setSelectedId] = useState<string>(TRACE_ROOT);
  const [timeline, setTimeline] = useState(false);
  const back = shared ? (
    <span className="text-xs text-muted-foreground">Shared trace · read-only</span>
  ) : (
    <BackLink href={projectRoutes(projectId).traces}>Traces</BackLink>
  );

  if (trace.isError) {
    return (
      <DetailError
        back={back}
        what="Trace"
        error={trace.error}
        missingHint={
          shared
            ? "This link is not shared, or the trace no longer exists."
            : "It may still be processing (traces appear within seconds), or it belongs to another project."
        }
        onRetry={() => trace.refetch()}
      />
    );
  }
  if (!trace.data) return <DetailLoading back={back} />;
  const t = trace.data;
  const selected = t.observations.find((o) => o.id === selectedId);
  return (
    <div className="flex h-screen flex-col">
      <header className="border-b px-5 py-3">
        <div className="flex items-center gap-2">
          {back}
          {shared ? null : <ShareControl projectId={projectId} traceId={t.id} isPublic={t.public} />}
        </div>
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <h1 className="min-w-0 truncate text-base font-semibold" title={t.name ?? t.id}>
            {t.name ?? "Unnamed trace"}
          </h1>
          <span className="flex min-w-0 items-center font-mono text-xs text-muted-foreground">
            <span className="truncate">{t.id}</span>
            <CopyButton value={t.id} label="Copy trace id" />
          </span>
          {t.environment !== "default" ? <Badge tone="accent">{t.environment}</Badge> : null}
          {t.tags.map((tag) => (
            <Badge key={tag}>{tag}</Badge>
          ))}
        </div>
        <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
          <Stat label="Time">{formatTimestamp(t.timestamp)}</Stat>
          <Stat label="Latency">{formatDuration(t.latencyMs)}</Stat>
          <Stat label="Tokens">{formatTokens(t.totalTokens)}</Stat>
          <Stat label="Cost">
            <span data-testid="trace-total-cost">{formatCost(t.totalCost)}</span>
          </Stat>
          {t.userId ? (
            <Stat label="User">
              {shared ? t.userId : <IdText value={t.userId} href={projectRoutes(projectId).user(t.userId)} copyLabel="Copy user id" />}
            </Stat>
          ) : null}
          {t.sessionId ? (
            <Stat label="Session">
              {shared ? (
                t.sessionId
              ) : (
                <IdText value={t.sessionId} href={projectRoutes(projectId).session(t.sessionId)} copyLabel="Copy session id" />
              )}
            </Stat>
          ) : null}
          {t.release ? <Stat label="Release">{t.release}</Stat> : null}
        </dl>
      </header>
      <div className="flex min-h-0 flex-1 max-[900px]:flex-col">
        <div
          className={cn(
            "flex min-h-0 min-w-[320px] flex-col border-r max-[900px]:h-[40vh] max-[900px]:w-full max-[900px]:min-w-0 max-[900px]:border-r-0 max-[900px]:border-b",
            timeline ? "w-[58%]" : "w-[44%]",
          )}
        >
          <div className="flex h-9 shrink-0 items-center gap-2 border-b px-3">
            <div className="flex rounded-md border text-xs" role="group" aria-label="Observation view">
              {(
                [
                  [false, "Tree", ListTree],
                  [true, "Timeline", SquareChartGantt],
                ] as const
              ).map(([on, label, Icon]) => (
                <button
                  key={label}
                  type="button"
                  aria-pressed={timeline === on}
                  onClick={() => setTimeline(on)}
                  className={cn(
                    "inline-flex items-center gap-1 px-2 py-1",
                    timeline === on ? "bg-muted font-medium" : "text-muted-foreground hover:bg-muted/70",
                  )}
                >
                  <Icon className="h-3.5 w-3.5" aria-hidden /> {label}
                </button>
              ))}
            </div>
            <span className="ml-auto text-xs text-muted-foreground tabular">{t.observations.length.toLocaleString()} observations</span>
          </div>
          <div className="min-h-0 flex-1 py-1">
            <ObservationTree
              traceName={t.name ?? "Trace"}
              traceLatencyMs={t.latencyMs}
              traceCost={t.totalCost}
              observations={t.observations}
              selectedId={selectedId}
              onSelect={setSelectedId}
              timeline={timeline}
            />
          </div>
        </div>
        <div className="min-h-0 min-w-0 flex-1 overflow-y-auto p-5">
          {selected ? (
            <ObservationDetail key={selected.id} source={source} observation={selected} scores={t.scores} />
          ) : (
            <div className="space-y-4">
              <ScoresPanel projectId={projectId} traceId={t.id} observationId={null} scores={t.scores} readOnly={shared} />
              <PayloadView label="Input" value={t.input} />
              <PayloadView label="Output" value={t.output} />
              <PayloadView label="Metadata" value={t.metadata} />
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

/** Public sharing: members make the trace readable by anyone with the link (the server checks the role). */
function ShareControl({ projectId, traceId, isPublic }: { projectId: string; traceId: string; isPublic: boolean }) {
  const setPublic = useSetTracePublic(projectId, traceId);
  const url = typeof window === "undefined" ? "" : `${window.location.origin}${sharedTraceUrl(projectId, traceId)}`;
  return (
    <div className="ml-auto flex items-center gap-2">
      {setPublic.isError ? (
        <span role="alert" className="text-xs text-danger">
          {setPublic.error.message}
        </span>
      ) : null}
      {isPublic ? (
        <span className="flex max-w-[360px] items-center gap-1 rounded-md border bg-panel px-2 py-0.5 text-xs" data-testid="share-link">
          <Link2 className="h-3.5 w-3.5 shrink-0 text-muted-foreground" aria-hidden />
          <a href={url} target="_blank" rel="noopener noreferrer" className="truncate font-mono text-[11px] hover:underline" title={url}>
            {url}
          </a>
          <CopyButton value={url} label="Copy share link" />
        </span>
      ) : null}
      <Button
        variant="secondary"
        size="sm"
        aria-pressed={isPublic}
        disabled={setPublic.isPending}
        onClick={() => setPublic.mutate(!isPublic)}
        title={isPublic ? "Anyone with the link can read this trace" : "Only project members can read this trace"}
      >
        {isPublic ? <Globe className="h-3.5 w-3.5" aria-hidden /> : <Lock className="h-3.5 w-3.5" aria-hidden />}
        {isPublic ? "Public" : "Share"}
      </Button>
    </div>
  );
}

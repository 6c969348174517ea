"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { BackLink, DetailError, DetailLoading } from "@/components/ui/detail-states";
import { IdText } from "@/components/ui/id-text";
import { Stat } from "@/components/ui/stat";
import { formatCost, formatDuration, formatTimestamp, formatTokens } from "@/lib/format";
import { projectRoutes } from "@/lib/routes";
import { ObservationDetail } from "./components/observation-detail";
import { ObservationTree, TRACE_ROOT } from "./components/observation-tree";
import { PayloadView } from "./components/payload-view";
import { useTrace } from "./hooks/use-traces";

export function TracePage({ projectId, traceId }: { projectId: string; traceId: string }) {
  const trace = useTrace(projectId, traceId);
  const [selectedId, setSelectedId] = useState<string>(TRACE_ROOT);
  const back = <BackLink href={projectRoutes(projectId).traces}>Traces</BackLink>;

  if (trace.isError) {
    return (
      <DetailError
        back={back}
        what="Trace"
        error={trace.error}
        missingHint="It may still be processing (traces appear within seconds), or it belongs to another project."
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
        {back}
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
              <IdText value={t.userId} href={projectRoutes(projectId).user(t.userId)} copyLabel="Copy user id" />
            </Stat>
          ) : null}
          {t.sessionId ? (
            <Stat label="Session">
              <IdText value={t.sessionId} href={projectRoutes(projectId).session(t.sessionId)} copyLabel="Copy session id" />
            </Stat>
          ) : null}
          {t.release ? <Stat label="Release">{t.release}</Stat> : null}
        </dl>
      </header>
      <div className="flex min-h-0 flex-1 max-[900px]:flex-col">
        <div className="min-h-0 w-[44%] min-w-[320px] border-r py-1 max-[900px]:h-[40vh] max-[900px]:w-full max-[900px]:min-w-0 max-[900px]:border-r-0 max-[900px]:border-b">
          <ObservationTree
            traceName={t.name ?? "Trace"}
            traceLatencyMs={t.latencyMs}
            traceCost={t.totalCost}
            observations={t.observations}
            selectedId={selectedId}
            onSelect={setSelectedId}
          />
        </div>
        <div className="min-h-0 min-w-0 flex-1 overflow-y-auto p-5">
          {selected ? (
            <ObservationDetail key={selected.id} projectId={projectId} observation={selected} />
          ) : (
            <div className="space-y-4">
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

"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { IdText } from "@/components/ui/id-text";
import { Skeleton } from "@/components/ui/skeleton";
import { Stat } from "@/components/ui/stat";
import { ErrorState } from "@/components/ui/states";
import { ApiError } from "@/lib/api-client";
import { formatCost, formatDuration, formatTimestamp, formatTokens } from "@/lib/format";
import { projectRoutes } from "@/lib/routes";
import { ObservationDetail } from "./components/observation-detail";
import { ObservationTree, TRACE_ROOT } from "./components/observation-tree";
import { PayloadView } from "./components/payload-view";
import { useTrace } from "./hooks/use-traces";

export function TracePage({ projectId, traceId }: { projectId: string; traceId: string }) {
  const trace = useTrace(projectId, traceId);
  const [selectedId, setSelectedId] = useState<string>(TRACE_ROOT);
  const back = (
    <Link
      href={`/project/${projectId}/traces`}
      className="inline-flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft className="h-3.5 w-3.5" /> Traces
    </Link>
  );

  if (trace.isError) {
    const missing = trace.error instanceof ApiError && trace.error.status === 404;
    return (
      <div className="space-y-4 p-5">
        {back}
        <ErrorState
          title={missing ? "Trace not found" : "Could not load this trace"}
          message={
            missing ? "It may still be processing (traces appear within seconds), or it belongs to another project." : trace.error.message
          }
          onRetry={() => trace.refetch()}
        />
      </div>
    );
  }
  if (!trace.data) {
    return (
      <div className="space-y-4 p-5" aria-busy>
        {back}
        <Skeleton className="h-8 w-1/3" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
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

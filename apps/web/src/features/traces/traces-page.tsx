"use client";

import { Activity, ChevronLeft, ChevronRight, RefreshCw } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { PageHeader } from "@/components/layout/app-shell";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { cn } from "@/lib/cn";
import { formatCost, formatDuration, formatRelative, formatTimestamp, formatTokens } from "@/lib/format";
import { FirstTraceGuide } from "./components/first-trace-guide";
import { useTraces } from "./hooks/use-traces";

const PAGE_SIZE = 50;
const COLUMNS = ["Timestamp", "Name", "Trace ID", "User", "Session", "Latency", "Tokens", "Cost", "Tags"];
const NUMERIC = new Set(["Latency", "Tokens", "Cost"]);

export function TracesPage({ projectId }: { projectId: string }) {
  const router = useRouter();
  const [page, setPage] = useState(1);
  const [autoRefresh, setAutoRefresh] = useState(false);
  const traces = useTraces(projectId, page, PAGE_SIZE, autoRefresh);
  const total = traces.data?.meta.totalItems;
  const totalPages = traces.data?.meta.totalPages ?? 1;
  const href = (traceId: string) => `/project/${projectId}/traces/${encodeURIComponent(traceId)}`;

  return (
    <div className="flex min-h-screen flex-col">
      <PageHeader
        title="Traces"
        description={total === undefined ? "Every request your application traced" : `${formatTokens(total)} traces`}
        actions={
          <div className="flex items-center gap-2">
            <label className="flex items-center gap-1.5 text-xs text-muted-foreground">
              <input type="checkbox" checked={autoRefresh} onChange={(e) => setAutoRefresh(e.target.checked)} />
              Auto-refresh
            </label>
            <Button variant="secondary" size="sm" onClick={() => traces.refetch()} aria-label="Refresh">
              <RefreshCw className={cn("h-3.5 w-3.5", traces.isFetching && "animate-spin")} />
              Refresh
            </Button>
          </div>
        }
      />
      <div className="flex-1 p-5">
        {traces.isError ? (
          <ErrorState title="Could not load traces" message={traces.error.message} onRetry={() => traces.refetch()} />
        ) : traces.data && traces.data.meta.totalItems === 0 ? (
          <EmptyState icon={<Activity className="h-6 w-6 text-accent" />} title="No traces yet">
            <FirstTraceGuide projectId={projectId} />
          </EmptyState>
        ) : (
          <div className="overflow-hidden rounded-lg border">
            <div className="overflow-x-auto">
              <table className="w-full min-w-[980px] border-collapse text-[13px]">
                <thead className="bg-panel text-xs text-muted-foreground">
                  <tr>
                    {COLUMNS.map((c) => (
                      <th key={c} scope="col" className={cn("h-8 border-b px-3 font-medium", NUMERIC.has(c) ? "text-right" : "text-left")}>
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {traces.isPending
                    ? Array.from({ length: 8 }, (_, i) => (
                        <tr key={i} className="h-8 border-b last:border-0">
                          {COLUMNS.map((c) => (
                            <td key={c} className="px-3">
                              <Skeleton className="h-3.5 w-full" />
                            </td>
                          ))}
                        </tr>
                      ))
                    : traces.data?.data.map((t) => (
                        <tr
                          key={t.id}
                          data-testid="trace-row"
                          tabIndex={0}
                          onClick={() => router.push(href(t.id))}
                          onKeyDown={(e) => {
                            if (e.key === "Enter") router.push(href(t.id));
                          }}
                          className="h-8 cursor-pointer border-b last:border-0 hover:bg-muted/60 focus-visible:bg-muted"
                        >
                          <td className="whitespace-nowrap px-3 text-muted-foreground tabular" title={formatTimestamp(t.timestamp)}>
                            {formatRelative(t.timestamp)}
                          </td>
                          <td className="max-w-[240px] px-3">
                            <div className="flex items-center gap-1.5">
                              {t.level === "ERROR" ? (
                                <span className="h-1.5 w-1.5 shrink-0 rounded-full bg-danger" title="Contains an error" />
                              ) : null}
                              <Link
                                href={href(t.id)}
                                className="truncate font-medium hover:underline"
                                title={t.name ?? t.id}
                                onClick={(e) => e.stopPropagation()}
                              >
                                {t.name ?? <span className="text-muted-foreground italic">unnamed</span>}
                              </Link>
                            </div>
                          </td>
                          <td className="max-w-[140px] truncate px-3 font-mono text-xs text-muted-foreground" title={t.id}>
                            {t.id}
                          </td>
                          <td className="max-w-[140px] truncate px-3" title={t.userId ?? undefined}>
                            {t.userId ?? <span className="text-muted-foreground">–</span>}
                          </td>
                          <td className="max-w-[140px] truncate px-3" title={t.sessionId ?? undefined}>
                            {t.sessionId ?? <span className="text-muted-foreground">–</span>}
                          </td>
                          <td className="whitespace-nowrap px-3 text-right font-mono text-xs tabular">{formatDuration(t.latencyMs)}</td>
                          <td
                            className="whitespace-nowrap px-3 text-right font-mono text-xs tabular"
                            title={
                              t.totalTokens !== null ? `${formatTokens(t.inputTokens)} in · ${formatTokens(t.outputTokens)} out` : undefined
                            }
                          >
                            {t.totalTokens !== null ? `${formatTokens(t.inputTokens)} → ${formatTokens(t.outputTokens)}` : "–"}
                          </td>
                          <td className="whitespace-nowrap px-3 text-right font-mono text-xs tabular">{formatCost(t.totalCost)}</td>
                          <td className="max-w-[200px] px-3">
                            <div className="flex gap-1 overflow-hidden">
                              {t.tags.slice(0, 3).map((tag) => (
                                <Badge key={tag} title={tag}>
                                  {tag}
                                </Badge>
                              ))}
                              {t.tags.length > 3 ? <Badge>+{t.tags.length - 3}</Badge> : null}
                            </div>
                          </td>
                        </tr>
                      ))}
                </tbody>
              </table>
            </div>
            <div className="flex items-center justify-between border-t bg-panel px-3 py-2 text-xs text-muted-foreground">
              <span>{traces.data ? `Page ${page} of ${Math.max(totalPages, 1)} · ${formatTokens(total)} traces` : "Loading…"}</span>
              <div className="flex gap-1">
                <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => setPage((p) => p - 1)} aria-label="Previous page">
                  <ChevronLeft className="h-3.5 w-3.5" />
                </Button>
                <Button
                  variant="secondary"
                  size="sm"
                  disabled={page >= totalPages}
                  onClick={() => setPage((p) => p + 1)}
                  aria-label="Next page"
                >
                  <ChevronRight className="h-3.5 w-3.5" />
                </Button>
              </div>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

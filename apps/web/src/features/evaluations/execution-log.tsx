"use client";

import { EXECUTION_STATUSES, type TEvalExecutionsResponse } from "@loupe/contracts";
import type { UseQueryResult } from "@tanstack/react-query";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SkeletonRows } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/states";
import { Select } from "@/components/ui/textarea";
import { formatRelative } from "@/lib/shared/format";
import { projectRoutes } from "@/lib/shared/routes";

const TONE = { DONE: "accent", PENDING: "neutral", FAILED: "danger", SKIPPED: "warning" } as const;

/** Each target the rule picked: pending, done with the score and the judge's reasoning, or failed with the error. */
export function ExecutionLog({
  projectId,
  query,
  status,
  onStatus,
  page,
  onPage,
}: {
  projectId: string;
  query: UseQueryResult<TEvalExecutionsResponse, Error>;
  status: string;
  onStatus: (s: string) => void;
  page: number;
  onPage: (p: number) => void;
}) {
  const routes = projectRoutes(projectId);
  const rows = query.data?.data ?? [];
  const total = query.data?.total ?? 0;
  return (
    <section>
      <div className="mb-2 flex items-center gap-2">
        <h2 className="text-sm font-semibold">Execution log</h2>
        <span className="text-xs text-muted-foreground tabular-nums">{total}</span>
        <Select aria-label="Status" className="ml-auto h-7 w-36 text-xs" value={status} onChange={(e) => onStatus(e.target.value)}>
          <option value="">All statuses</option>
          {EXECUTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.toLowerCase()}
            </option>
          ))}
        </Select>
      </div>
      {query.isError ? (
        <ErrorState title="Could not load the execution log" error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <div className="overflow-x-auto rounded-lg border">
          <table className="w-full min-w-[760px] text-[13px]">
            <thead className="bg-panel text-xs text-muted-foreground">
              <tr>
                <th className="h-8 px-3 text-left font-medium">Status</th>
                <th className="h-8 px-3 text-left font-medium">Target</th>
                <th className="h-8 px-3 text-right font-medium">Score</th>
                <th className="h-8 px-3 text-left font-medium">Reasoning / error</th>
                <th className="h-8 px-3 text-left font-medium">Judge</th>
                <th className="h-8 px-3 text-left font-medium">Queued</th>
              </tr>
            </thead>
            <tbody>
              {query.isPending ? (
                <SkeletonRows columns={6} />
              ) : rows.length === 0 ? (
                <tr>
                  <td colSpan={6} className="px-3 py-6 text-center text-xs text-muted-foreground">
                    {status
                      ? `No ${status.toLowerCase()} executions.`
                      : "Nothing evaluated yet: matching traces appear here as they are ingested."}
                  </td>
                </tr>
              ) : (
                rows.map((e) => (
                  <tr key={e.id} className="border-t align-top" data-testid="execution-row">
                    <td className="px-3 py-1.5">
                      <Badge tone={TONE[e.status]}>{e.status.toLowerCase()}</Badge>
                      {e.attempts > 0 ? (
                        <span className="ml-1 text-[11px] text-muted-foreground">×{e.attempts + (e.status === "DONE" ? 1 : 0)}</span>
                      ) : null}
                    </td>
                    <td className="max-w-48 truncate px-3 py-1.5 font-mono text-xs">
                      <Link
                        className="hover:underline"
                        href={routes.trace(e.traceId, e.targetType === "observation" ? e.targetId : null)}
                        title={e.targetId}
                      >
                        {e.targetId}
                      </Link>
                    </td>
                    <td className="px-3 py-1.5 text-right font-mono text-xs tabular-nums">
                      {e.stringValue ?? (e.value === null ? "—" : e.value)}
                    </td>
                    <td
                      className={`max-w-[420px] px-3 py-1.5 text-xs whitespace-pre-wrap ${e.status === "DONE" ? "" : "text-danger"}`}
                      data-testid="execution-text"
                    >
                      {e.status === "DONE"
                        ? e.reasoning
                        : (e.error ??
                          (e.status === "PENDING" ? <span className="text-muted-foreground">waiting for the judge</span> : "—"))}
                    </td>
                    <td className="px-3 py-1.5 text-xs">
                      {e.judgeTraceId ? (
                        <Link className="text-accent hover:underline" href={routes.trace(e.judgeTraceId)}>
                          judge trace
                        </Link>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className="px-3 py-1.5 text-xs whitespace-nowrap text-muted-foreground">{formatRelative(e.createdAt)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
      {total > rows.length ? (
        <div className="mt-2 flex justify-end gap-2">
          <Button size="sm" variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            Previous
          </Button>
          <Button size="sm" variant="secondary" disabled={page * 50 >= total} onClick={() => onPage(page + 1)}>
            Next
          </Button>
        </div>
      ) : null}
    </section>
  );
}

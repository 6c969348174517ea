"use client";

import { Activity, RefreshCw } from "lucide-react";
import { useState } from "react";
import { PageHeader } from "@/components/layout/app-shell";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { cn } from "@/lib/cn";
import { formatCount } from "@/lib/format";
import { FirstTraceGuide } from "./components/first-trace-guide";
import { TracesTable } from "./components/traces-table";
import { useTraces } from "./hooks/use-traces";

const PAGE_SIZE = 50;

export function TracesPage({ projectId }: { projectId: string }) {
  const [page, setPage] = useState(1);
  const [autoRefresh, setAutoRefresh] = useState(false);
  const traces = useTraces(projectId, page, PAGE_SIZE, autoRefresh);
  const total = traces.data?.meta.totalItems;

  return (
    <div className="flex min-h-screen flex-col">
      <PageHeader
        title="Traces"
        description={total === undefined ? "Every request your application traced" : formatCount(total, "trace")}
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
        <TracesTable
          projectId={projectId}
          query={traces}
          onPageChange={setPage}
          empty={
            <EmptyState icon={<Activity className="h-6 w-6 text-accent" />} title="No traces yet">
              <FirstTraceGuide projectId={projectId} />
            </EmptyState>
          }
        />
      </div>
    </div>
  );
}

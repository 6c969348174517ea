"use client";

import { Activity } from "lucide-react";
import { useState } from "react";
import { ListPage } from "@/components/layout/list-page";
import { EmptyState } from "@/components/ui/states";
import { FirstTraceGuide } from "./components/first-trace-guide";
import { TracesTable } from "./components/traces-table";
import { useTraces } from "./hooks/use-traces";

const PAGE_SIZE = 50;

export function TracesPage({ projectId }: { projectId: string }) {
  const [page, setPage] = useState(1);
  const [autoRefresh, setAutoRefresh] = useState(false);
  const traces = useTraces(projectId, page, PAGE_SIZE, autoRefresh);
  return (
    <ListPage
      title="Traces"
      intro="Every request your application traced"
      noun="trace"
      query={traces}
      actions={
        <label className="flex items-center gap-1.5 text-xs text-muted-foreground">
          <input type="checkbox" checked={autoRefresh} onChange={(e) => setAutoRefresh(e.target.checked)} />
          Auto-refresh
        </label>
      }
    >
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
    </ListPage>
  );
}

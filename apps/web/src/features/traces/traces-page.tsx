"use client";

import { ZTraceListQuery } from "@loupe/contracts";
import { Activity } from "lucide-react";
import { useState } from "react";
import { ListPage } from "@/components/layout/list-page";
import { FilterBar } from "@/components/ui/filter-bar";
import { EmptyState } from "@/components/ui/states";
import { useTableLayout } from "@/components/ui/table-layout";
import { AutoRefreshToggle, isFiltered, NoMatches, tableViewProps, withViewIssues } from "@/components/ui/table-view";
import { useListQuery } from "@/lib/use-list-query";
import { FirstTraceGuide } from "./components/first-trace-guide";
import { TracesTable, traceColumns } from "./components/traces-table";
import { useTraces } from "./hooks/use-traces";
import { TRACE_FILTER_FIELDS } from "./list-filters";

export function TracesPage({ projectId }: { projectId: string }) {
  const view = useListQuery(ZTraceListQuery);
  const [autoRefresh, setAutoRefresh] = useState(false);
  const traces = useTraces(projectId, view.search, { autoRefresh, enabled: view.query !== null });
  const layout = useTableLayout("traces", traceColumns(projectId), ["level"]);
  return (
    <ListPage
      title="Traces"
      intro="Every request your application traced"
      noun="trace"
      query={traces}
      actions={<AutoRefreshToggle checked={autoRefresh} onChange={setAutoRefresh} />}
    >
      <FilterBar state={view} fields={TRACE_FILTER_FIELDS} searchPlaceholder="Search id, name, input, output" controls={layout.picker} />
      <TracesTable
        projectId={projectId}
        query={withViewIssues(traces, view)}
        {...tableViewProps(view, layout)}
        empty={
          isFiltered(view.raw) ? (
            <NoMatches noun="traces" onClear={view.reset} />
          ) : (
            <EmptyState icon={<Activity className="h-6 w-6 text-accent" />} title="No traces yet">
              <FirstTraceGuide projectId={projectId} />
            </EmptyState>
          )
        }
      />
    </ListPage>
  );
}

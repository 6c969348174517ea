"use client";

import { type TTraceListItem, ZTraceListQuery } from "@loupe/contracts";
import { Activity } from "lucide-react";
import { useMemo, useState } from "react";
import { ListPage } from "@/components/layout/list-page";
import { type FilterField, FilterBar } from "@/components/ui/filter-bar";
import { EmptyState } from "@/components/ui/states";
import { useTableLayout } from "@/components/ui/table-layout";
import { AutoRefreshToggle, exportQuery, isFiltered, NoMatches, tableViewProps, withViewIssues } from "@/components/ui/table-view";
import { useListQuery } from "@/lib/client/use-list-query";
import { useHasRole } from "@/lib/client/project-role";
import { usePeek } from "@/lib/client/use-peek";
import { useTableSelection } from "@/lib/client/use-table-selection";
import { BulkActionBar } from "./bulk/bulk-action-bar";
import { FirstTraceGuide } from "./components/first-trace-guide";
import { TracesTable, traceColumns } from "./components/traces-table";
import { usePrefetchNeighbourTraces } from "./hooks/use-trace-detail";
import { useTraces } from "./hooks/use-traces";
import { SCORE_FIELD, TRACE_FILTER_FIELDS } from "./list-filters";
import { TracePeekLayout } from "./trace-peek";
import { AddToQueue } from "@/features/queue-picker";
import { SavedViewPicker } from "@/features/saved-views";
import { ExportMenu } from "@/components/ui/export-menu";
import { projectApi } from "@/lib/client/api-client";

/** The score filter suggests the score names of the traces on screen. */
function useScoreNameSuggestions(fields: FilterField[], traces: TTraceListItem[] | undefined): FilterField[] {
  return useMemo(() => {
    const names = [...new Set((traces ?? []).flatMap((t) => t.scores.map((s) => s.name)))].sort();
    return fields.map((f) => (f.kind === "comparison" && f.key === SCORE_FIELD.key ? { ...f, suggestions: names } : f));
  }, [fields, traces]);
}

/** The traces table; a row opens the trace in a preview beside the list (`?peek=`), its name link the full page. */
export function TracesPage({ projectId }: { projectId: string }) {
  const view = useListQuery(ZTraceListQuery);
  const peek = usePeek();
  const [autoRefresh, setAutoRefresh] = useState(false);
  const traces = useTraces(projectId, view.search, { autoRefresh, enabled: view.query !== null });
  // Trace ID, tags and level are in the chooser: with them the defaults would not fit 1440 px.
  const layout = useTableLayout("traces", traceColumns(projectId), ["level", "id", "tags"]);
  const fields = useScoreNameSuggestions(TRACE_FILTER_FIELDS, traces.data?.data);
  const rowIds = useMemo(() => traces.data?.data.map((t) => t.id), [traces.data]);
  usePrefetchNeighbourTraces(projectId, peek.traceId, rowIds);
  const bulk = useTableSelection(view.raw, view.query);
  const meta = traces.data?.meta;
  // Every bulk action needs MEMBER at least (delete: ADMIN); a VIEWER gets no checkboxes.
  const canBulk = useHasRole("MEMBER");
  return (
    <TracePeekLayout id="traces" projectId={projectId} peek={peek}>
      <ListPage
        title="Traces"
        intro="Every request your application traced"
        noun="trace"
        query={traces}
        actions={
          <>
            {/* With rows ticked, the selection bar's own "Add to queue" is the one that applies. */}
            {view.query && bulk.selection === null ? (
              <AddToQueue
                projectId={projectId}
                items={{ source: "filter", filter: view.query }}
                what="the traces of this filter (newest 1,000)"
              />
            ) : null}
            <AutoRefreshToggle checked={autoRefresh} onChange={setAutoRefresh} />
          </>
        }
      >
        <FilterBar
          state={view}
          fields={fields}
          projectId={projectId}
          searchPlaceholder="Search id, name, input, output"
          controls={
            <>
              <SavedViewPicker projectId={projectId} table="traces" view={view} layout={layout} />
              <ExportMenu noun="trace" href={(format) => `${projectApi(projectId)}/exports/traces?${exportQuery(view.raw, format)}`} />
              {layout.picker}
            </>
          }
        />
        <BulkActionBar
          projectId={projectId}
          state={bulk}
          pageKeys={rowIds ?? []}
          total={meta ? { count: meta.totalItems, atLeast: meta.totalIsLowerBound ?? false } : null}
        />
        <TracesTable
          projectId={projectId}
          checks={canBulk ? bulk.checks : undefined}
          query={withViewIssues(traces, view)}
          {...tableViewProps(view, layout)}
          selection={{ previewOpen: peek.traceId !== null, selectedKey: peek.traceId, onSelectRow: (t) => peek.open(t.id) }}
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
    </TracePeekLayout>
  );
}

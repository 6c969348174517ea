"use client";

import { type TObservationListItem, ZObservationListQuery } from "@loupe/contracts";
import { Sparkles } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ListPage } from "@/components/layout/list-page";
import { type Column, DataTable } from "@/components/ui/data-table";
import { FilterBar } from "@/components/ui/filter-bar";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState } from "@/components/ui/states";
import { useTableLayout } from "@/components/ui/table-layout";
import { AutoRefreshToggle, isFiltered, NoMatches, tableViewProps, withViewIssues } from "@/components/ui/table-view";
import { QueueSelectionBar } from "@/features/queue-picker";
import { LevelBadge, OBSERVATION_FILTER_FIELDS, TracePeekLayout, tokensColumn } from "@/features/traces";
import { formatCost, formatDuration } from "@/lib/shared/format";
import { projectRoutes } from "@/lib/shared/routes";
import { useHasRole } from "@/lib/client/project-role";
import { useListQuery } from "@/lib/client/use-list-query";
import { useTableSelection } from "@/lib/client/use-table-selection";
import { usePeek } from "@/lib/client/use-peek";
import { useObservations } from "./hooks/use-observations";
import { SavedViewPicker } from "@/features/saved-views";
import { ExportMenu } from "@/components/ui/export-menu";
import { exportQuery } from "@/components/ui/table-view";
import { projectApi } from "@/lib/client/api-client";

function observationColumns(projectId: string): Column<TObservationListItem>[] {
  const routes = projectRoutes(projectId);
  return [
    {
      id: "timestamp",
      header: "Start",
      sortKey: "timestamp",
      className: "text-muted-foreground",
      cell: (o) => <RelativeTime iso={o.startTime} />,
    },
    {
      id: "name",
      header: "Name",
      sortKey: "name",
      className: "max-w-[220px] truncate",
      cell: (o) => (
        <Link
          href={routes.trace(o.traceId, o.id)}
          className="font-medium hover:underline"
          title={o.name ?? o.id}
          onClick={(e) => e.stopPropagation()}
        >
          {o.name ?? <span className="font-normal text-muted-foreground italic">unnamed</span>}
        </Link>
      ),
    },
    { id: "type", header: "Type", className: "text-xs text-muted-foreground", cell: (o) => o.type.toLowerCase() },
    {
      id: "model",
      header: "Model",
      sortKey: "model",
      className: "max-w-[180px] truncate font-mono text-xs",
      title: (o) => o.model ?? undefined,
      cell: (o) => o.model ?? "–",
    },
    {
      id: "prompt",
      header: "Prompt",
      hideWhenNarrow: true,
      className: "max-w-[160px] truncate text-xs",
      cell: (o) => (o.promptName ? `${o.promptName} v${o.promptVersion ?? "?"}` : <span className="text-muted-foreground">–</span>),
    },
    { id: "latency", header: "Latency", sortKey: "latency", numeric: true, cell: (o) => formatDuration(o.latencyMs) },
    {
      id: "ttft",
      header: "Time to first token",
      sortKey: "ttft",
      numeric: true,
      hideWhenNarrow: true,
      cell: (o) => formatDuration(o.timeToFirstTokenMs),
    },
    tokensColumn<TObservationListItem>(),
    { id: "cost", header: "Cost", sortKey: "cost", numeric: true, cell: (o) => formatCost(o.totalCost) },
    { id: "level", header: "Level", cell: (o) => <LevelBadge level={o.level} /> },
    {
      id: "trace",
      header: "Trace",
      hideWhenNarrow: true,
      className: "max-w-[140px] truncate font-mono text-xs",
      cell: (o) => (
        <Link
          href={routes.trace(o.traceId)}
          className="text-muted-foreground hover:underline"
          title={o.traceId}
          onClick={(e) => e.stopPropagation()}
        >
          {o.traceId}
        </Link>
      ),
    },
  ];
}

/**
 * Every generation (or observation of another type) across traces. A row previews its trace with
 * the observation selected (`?peek=<traceId>&observation=<id>`); the name links to the trace page.
 */
export function ObservationsPage({ projectId }: { projectId: string }) {
  const view = useListQuery(ZObservationListQuery);
  const peek = usePeek();
  const [autoRefresh, setAutoRefresh] = useState(false);
  const observations = useObservations(projectId, view.search, { autoRefresh, enabled: view.query !== null });
  const layout = useTableLayout("observations", observationColumns(projectId), ["type"]);
  const routes = projectRoutes(projectId);
  const type = view.query?.type ?? "GENERATION";
  const noun = type === "GENERATION" ? "generation" : "observation";
  const bulk = useTableSelection(view.raw, null);
  const canBulk = useHasRole("MEMBER");
  return (
    <TracePeekLayout id="observations" projectId={projectId} peek={peek}>
      <ListPage
        title="Observations"
        intro="Generations and other steps across every trace"
        noun={noun}
        query={observations}
        actions={<AutoRefreshToggle checked={autoRefresh} onChange={setAutoRefresh} />}
      >
        <FilterBar
          state={view}
          fields={OBSERVATION_FILTER_FIELDS}
          projectId={projectId}
          searchPlaceholder="Search id, name, trace id"
          controls={
            <>
              <SavedViewPicker projectId={projectId} table="observations" view={view} layout={layout} />
              <ExportMenu
                noun="observation"
                href={(format) => `${projectApi(projectId)}/exports/observations?${exportQuery(view.raw, format)}`}
              />
              {layout.picker}
            </>
          }
        />
        <QueueSelectionBar projectId={projectId} state={bulk} objectType="OBSERVATION" noun={noun} />
        <DataTable
          query={withViewIssues(observations, view)}
          checks={canBulk ? bulk.checks : undefined}
          {...tableViewProps(view, layout)}
          errorTitle="Could not load observations"
          noun={noun}
          rowKey={(o) => o.id}
          rowHref={(o) => routes.trace(o.traceId, o.id)}
          selection={{
            previewOpen: peek.traceId !== null,
            selectedKey: peek.observationId,
            onSelectRow: (o) => peek.open(o.traceId, o.id),
          }}
          rowTestId="observation-row"
          minWidth={640}
          empty={
            isFiltered(view.raw) ? (
              <NoMatches noun={`${noun}s`} onClear={view.reset} />
            ) : (
              <EmptyState icon={<Sparkles className="h-6 w-6 text-accent" />} title="No generations yet">
                <p>Generations appear here when an SDK reports an LLM call (a generation observation) inside a trace.</p>
              </EmptyState>
            )
          }
        />
      </ListPage>
    </TracePeekLayout>
  );
}

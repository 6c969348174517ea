"use client";

import { GROUP_LIST_DEFAULT_RANGE, type TSessionSummary, ZSessionListQuery } from "@loupe/contracts";
import { MessagesSquare } from "lucide-react";
import { ListPage } from "@/components/layout/list-page";
import { Badge } from "@/components/ui/badge";
import { type Column, DataTable } from "@/components/ui/data-table";
import { type FilterField, FilterBar } from "@/components/ui/filter-bar";
import { IdText } from "@/components/ui/id-text";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState } from "@/components/ui/states";
import { useTableLayout } from "@/components/ui/table-layout";
import { exportQuery, isFiltered, NoMatches, tableViewProps, withViewIssues } from "@/components/ui/table-view";
import { ExportMenu } from "@/components/ui/export-menu";
import { projectApi } from "@/lib/client/api-client";
import { ENVIRONMENT_FIELD, LEVEL_FIELD, SCORE_FIELD, ScoreBadges, TAGS_FIELD, USER_FIELD } from "@/features/traces";
import { QueueSelectionBar } from "@/features/queue-picker";
import { useHasRole } from "@/lib/client/project-role";
import { useListQuery } from "@/lib/client/use-list-query";
import { useTableSelection } from "@/lib/client/use-table-selection";
import { formatCost, formatDuration, formatTokens } from "@/lib/shared/format";
import { projectRoutes } from "@/lib/shared/routes";
import { DefaultWindowNote, TraceAttributeGuide } from "./components/guides";
import { UserLinks } from "./components/user-links";
import { useSessions } from "./hooks/use-sessions";
import { SavedViewPicker } from "@/features/saved-views";

/** Filters of the sessions list (keys of ZSessionListQuery); a session matches when one of its traces does. */
const SESSION_FILTER_FIELDS: FilterField[] = [
  USER_FIELD,
  ENVIRONMENT_FIELD,
  TAGS_FIELD,
  LEVEL_FIELD,
  { ...SCORE_FIELD, label: "Session score" },
];

export function sessionColumns(projectId: string): Column<TSessionSummary>[] {
  const routes = projectRoutes(projectId);
  return [
    {
      id: "id",
      header: "Session ID",
      className: "max-w-[260px]",
      cell: (s) => <IdText value={s.id} href={routes.session(s.id)} copyLabel="Copy session id" className="font-medium" />,
    },
    {
      id: "last",
      header: "Last trace",
      sortKey: "last",
      className: "text-muted-foreground",
      cell: (s) => <RelativeTime iso={s.lastTraceAt} />,
    },
    {
      id: "start",
      header: "Started",
      sortKey: "start",
      hideWhenNarrow: true,
      className: "text-muted-foreground",
      cell: (s) => <RelativeTime iso={s.firstTraceAt} />,
    },
    { id: "traces", header: "Traces", sortKey: "traces", numeric: true, cell: (s) => formatTokens(s.traceCount) },
    { id: "duration", header: "Duration", sortKey: "duration", numeric: true, cell: (s) => formatDuration(s.durationMs) },
    {
      id: "tokens",
      header: "Tokens",
      sortKey: "tokens",
      numeric: true,
      title: (s) => (s.totalTokens !== null ? `${formatTokens(s.inputTokens)} in · ${formatTokens(s.outputTokens)} out` : undefined),
      cell: (s) => formatTokens(s.totalTokens),
    },
    { id: "cost", header: "Cost", sortKey: "cost", numeric: true, cell: (s) => formatCost(s.totalCost) },
    { id: "scores", header: "Scores", className: "max-w-[220px]", cell: (s) => <ScoreBadges scores={s.scores} /> },
    { id: "users", header: "Users", className: "max-w-[200px]", cell: (s) => <UserLinks projectId={projectId} userIds={s.userIds} /> },
    {
      id: "environment",
      header: "Environment",
      hideWhenNarrow: true,
      className: "max-w-[140px]",
      cell: (s) => (
        <Badge tone={s.environment === "default" ? "neutral" : "accent"} title={s.environment}>
          {s.environment}
        </Badge>
      ),
    },
  ];
}

/** Sessions with their whole view (search, filters, sort, page) in the URL, so Back returns to it. */
export function SessionsPage({ projectId }: { projectId: string }) {
  const view = useListQuery(ZSessionListQuery);
  const sessions = useSessions(projectId, view.search, { enabled: view.query !== null });
  const layout = useTableLayout("sessions", sessionColumns(projectId));
  const bulk = useTableSelection(view.raw, null);
  const canBulk = useHasRole("MEMBER");
  return (
    <ListPage title="Sessions" intro="Conversations and workflows that span several traces" noun="session" query={sessions}>
      <FilterBar
        state={view}
        fields={SESSION_FILTER_FIELDS}
        projectId={projectId}
        searchPlaceholder="Search session id"
        controls={
          <>
            <SavedViewPicker projectId={projectId} table="sessions" view={view} layout={layout} />
            <ExportMenu noun="session" href={(format) => `${projectApi(projectId)}/exports/sessions?${exportQuery(view.raw, format)}`} />
            {layout.picker}
          </>
        }
        defaultRange={GROUP_LIST_DEFAULT_RANGE}
      />
      <QueueSelectionBar projectId={projectId} state={bulk} objectType="SESSION" noun="session" />
      <DataTable
        query={withViewIssues(sessions, view)}
        checks={canBulk ? bulk.checks : undefined}
        {...tableViewProps(view, layout, { sort: "last", order: "desc" })}
        errorTitle="Could not load sessions"
        empty={
          isFiltered(view.raw) ? (
            <NoMatches noun="sessions" onClear={view.reset} />
          ) : (
            <EmptyState icon={<MessagesSquare className="h-6 w-6 text-accent" />} title="No sessions yet">
              <DefaultWindowNote noun="sessions" onAllTime={() => view.set({ range: "all" })} />
              <TraceAttributeGuide attribute="sessionId" />
            </EmptyState>
          )
        }
        noun="session"
        rowKey={(s) => s.id}
        rowHref={(s) => projectRoutes(projectId).session(s.id)}
        rowTestId="session-row"
        minWidth={760}
      />
    </ListPage>
  );
}

"use client";

import { GROUP_LIST_DEFAULT_RANGE, type TUserSummary, ZUserListQuery } from "@loupe/contracts";
import { Users } from "lucide-react";
import { ListPage } from "@/components/layout/list-page";
import { type Column, DataTable } from "@/components/ui/data-table";
import { type FilterField, FilterBar } from "@/components/ui/filter-bar";
import { IdText } from "@/components/ui/id-text";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState } from "@/components/ui/states";
import { useTableLayout } from "@/components/ui/table-layout";
import { exportQuery, isFiltered, NoMatches, tableViewProps, withViewIssues } from "@/components/ui/table-view";
import { ExportMenu } from "@/components/ui/export-menu";
import { projectApi } from "@/lib/client/api-client";
import { DefaultWindowNote, TraceAttributeGuide } from "@/features/sessions";
import { ENVIRONMENT_FIELD, LEVEL_FIELD, TAGS_FIELD } from "@/features/traces";
import { useListQuery } from "@/lib/client/use-list-query";
import { formatCost, formatTokens } from "@/lib/shared/format";
import { projectRoutes } from "@/lib/shared/routes";
import { useUsers } from "./hooks/use-users";
import { SavedViewPicker } from "@/features/saved-views";

/** Filters of the users list (keys of ZUserListQuery); a user matches when one of their traces does. */
const USER_FILTER_FIELDS: FilterField[] = [ENVIRONMENT_FIELD, TAGS_FIELD, LEVEL_FIELD];

function userColumns(projectId: string): Column<TUserSummary>[] {
  return [
    {
      id: "id",
      header: "User ID",
      className: "max-w-[280px]",
      cell: (u) => <IdText value={u.id} href={projectRoutes(projectId).user(u.id)} copyLabel="Copy user id" className="font-medium" />,
    },
    {
      id: "last",
      header: "Last seen",
      sortKey: "last",
      className: "text-muted-foreground",
      cell: (u) => <RelativeTime iso={u.lastSeenAt} />,
    },
    {
      id: "first",
      header: "First seen",
      sortKey: "first",
      hideWhenNarrow: true,
      className: "text-muted-foreground",
      cell: (u) => <RelativeTime iso={u.firstSeenAt} />,
    },
    { id: "traces", header: "Traces", sortKey: "traces", numeric: true, cell: (u) => formatTokens(u.traceCount) },
    { id: "sessions", header: "Sessions", sortKey: "sessions", numeric: true, cell: (u) => formatTokens(u.sessionCount) },
    {
      id: "tokens",
      header: "Tokens",
      sortKey: "tokens",
      numeric: true,
      title: (u) => (u.totalTokens !== null ? `${formatTokens(u.inputTokens)} in · ${formatTokens(u.outputTokens)} out` : undefined),
      cell: (u) => formatTokens(u.totalTokens),
    },
    { id: "cost", header: "Cost", sortKey: "cost", numeric: true, cell: (u) => formatCost(u.totalCost) },
  ];
}

/** End users with their whole view (search, filters, sort, page) in the URL. */
export function UsersPage({ projectId }: { projectId: string }) {
  const view = useListQuery(ZUserListQuery);
  const users = useUsers(projectId, view.search, { enabled: view.query !== null });
  const layout = useTableLayout("users", userColumns(projectId));
  return (
    <ListPage title="Users" intro="The end users of your application, by userId" noun="user" query={users}>
      <FilterBar
        state={view}
        fields={USER_FILTER_FIELDS}
        projectId={projectId}
        searchPlaceholder="Search user id"
        controls={
          <>
            <SavedViewPicker projectId={projectId} table="users" view={view} layout={layout} />
            <ExportMenu noun="user" href={(format) => `${projectApi(projectId)}/exports/users?${exportQuery(view.raw, format)}`} />
            {layout.picker}
          </>
        }
        defaultRange={GROUP_LIST_DEFAULT_RANGE}
      />
      <DataTable
        query={withViewIssues(users, view)}
        {...tableViewProps(view, layout, { sort: "last", order: "desc" })}
        errorTitle="Could not load users"
        empty={
          isFiltered(view.raw) ? (
            <NoMatches noun="users" onClear={view.reset} />
          ) : (
            <EmptyState icon={<Users className="h-6 w-6 text-accent" />} title="No users yet">
              <DefaultWindowNote noun="users" onAllTime={() => view.set({ range: "all" })} />
              <TraceAttributeGuide attribute="userId" />
            </EmptyState>
          )
        }
        noun="user"
        rowKey={(u) => u.id}
        rowHref={(u) => projectRoutes(projectId).user(u.id)}
        rowTestId="user-row"
        minWidth={640}
      />
    </ListPage>
  );
}

"use client";

import type { TUserSummary } from "@loupe/contracts";
import { Users } from "lucide-react";
import { useState } from "react";
import { ListPage } from "@/components/layout/list-page";
import { type Column, DataTable } from "@/components/ui/data-table";
import { IdText } from "@/components/ui/id-text";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState } from "@/components/ui/states";
import { TraceAttributeGuide } from "@/features/sessions";
import { formatCost, formatTokens } from "@/lib/shared/format";
import { projectRoutes } from "@/lib/shared/routes";
import { useUsers } from "./hooks/use-users";

const PAGE_SIZE = 50;

function userColumns(projectId: string): Column<TUserSummary>[] {
  return [
    {
      header: "User ID",
      className: "max-w-[280px]",
      cell: (u) => <IdText value={u.id} href={projectRoutes(projectId).user(u.id)} copyLabel="Copy user id" className="font-medium" />,
    },
    { header: "Last seen", className: "text-muted-foreground", cell: (u) => <RelativeTime iso={u.lastSeenAt} /> },
    { header: "First seen", hideWhenNarrow: true, className: "text-muted-foreground", cell: (u) => <RelativeTime iso={u.firstSeenAt} /> },
    { header: "Traces", numeric: true, cell: (u) => formatTokens(u.traceCount) },
    { header: "Sessions", numeric: true, cell: (u) => formatTokens(u.sessionCount) },
    {
      header: "Tokens",
      numeric: true,
      title: (u) => (u.totalTokens !== null ? `${formatTokens(u.inputTokens)} in · ${formatTokens(u.outputTokens)} out` : undefined),
      cell: (u) => formatTokens(u.totalTokens),
    },
    { header: "Cost", numeric: true, cell: (u) => formatCost(u.totalCost) },
  ];
}

export function UsersPage({ projectId }: { projectId: string }) {
  const [page, setPage] = useState(1);
  const users = useUsers(projectId, page, PAGE_SIZE);
  return (
    <ListPage title="Users" intro="The end users of your application, by userId" noun="user" query={users}>
      <DataTable
        columns={userColumns(projectId)}
        query={users}
        errorTitle="Could not load users"
        empty={
          <EmptyState icon={<Users className="h-6 w-6 text-accent" />} title="No users yet">
            <TraceAttributeGuide attribute="userId" />
          </EmptyState>
        }
        noun="user"
        rowKey={(u) => u.id}
        rowHref={(u) => projectRoutes(projectId).user(u.id)}
        rowTestId="user-row"
        onPageChange={setPage}
        minWidth={640}
      />
    </ListPage>
  );
}

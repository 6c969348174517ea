"use client";

import type { TUserSummary } from "@loupe/contracts";
import { RefreshCw, Users } from "lucide-react";
import { useState } from "react";
import { PageHeader } from "@/components/layout/app-shell";
import { Button } from "@/components/ui/button";
import { type Column, DataTable } from "@/components/ui/data-table";
import { IdText } from "@/components/ui/id-text";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState } from "@/components/ui/states";
import { TraceAttributeGuide } from "@/features/sessions";
import { cn } from "@/lib/cn";
import { formatCost, formatCount, formatTokens } from "@/lib/format";
import { projectRoutes } from "@/lib/routes";
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
  const total = users.data?.meta.totalItems;
  return (
    <div className="flex min-h-screen flex-col">
      <PageHeader
        title="Users"
        description={total === undefined ? "The end users of your application, by userId" : formatCount(total, "user")}
        actions={
          <Button variant="secondary" size="sm" onClick={() => users.refetch()} aria-label="Refresh">
            <RefreshCw className={cn("h-3.5 w-3.5", users.isFetching && "animate-spin")} />
            Refresh
          </Button>
        }
      />
      <div className="flex-1 p-5">
        <DataTable
          columns={userColumns(projectId)}
          rows={users.data?.data}
          meta={users.data?.meta}
          isPending={users.isPending}
          error={users.error}
          onRetry={() => users.refetch()}
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
      </div>
    </div>
  );
}

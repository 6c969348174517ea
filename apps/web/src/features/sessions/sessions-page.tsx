"use client";

import type { TSessionSummary } from "@loupe/contracts";
import { MessagesSquare } from "lucide-react";
import { useState } from "react";
import { ListPage } from "@/components/layout/list-page";
import { Badge } from "@/components/ui/badge";
import { type Column, DataTable } from "@/components/ui/data-table";
import { IdText } from "@/components/ui/id-text";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState } from "@/components/ui/states";
import { formatCost, formatDuration, formatTokens } from "@/lib/shared/format";
import { projectRoutes } from "@/lib/shared/routes";
import { TraceAttributeGuide } from "./components/guides";
import { UserLinks } from "./components/user-links";
import { useSessions } from "./hooks/use-sessions";

const PAGE_SIZE = 50;

function sessionColumns(projectId: string): Column<TSessionSummary>[] {
  const routes = projectRoutes(projectId);
  return [
    {
      header: "Session ID",
      className: "max-w-[260px]",
      cell: (s) => <IdText value={s.id} href={routes.session(s.id)} copyLabel="Copy session id" className="font-medium" />,
    },
    { header: "Last trace", className: "text-muted-foreground", cell: (s) => <RelativeTime iso={s.lastTraceAt} /> },
    { header: "Started", hideWhenNarrow: true, className: "text-muted-foreground", cell: (s) => <RelativeTime iso={s.firstTraceAt} /> },
    { header: "Traces", numeric: true, cell: (s) => formatTokens(s.traceCount) },
    { header: "Duration", numeric: true, cell: (s) => formatDuration(s.durationMs) },
    {
      header: "Tokens",
      numeric: true,
      title: (s) => (s.totalTokens !== null ? `${formatTokens(s.inputTokens)} in · ${formatTokens(s.outputTokens)} out` : undefined),
      cell: (s) => formatTokens(s.totalTokens),
    },
    { header: "Cost", numeric: true, cell: (s) => formatCost(s.totalCost) },
    { header: "Users", className: "max-w-[200px]", cell: (s) => <UserLinks projectId={projectId} userIds={s.userIds} /> },
    {
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

export function SessionsPage({ projectId }: { projectId: string }) {
  const [page, setPage] = useState(1);
  const sessions = useSessions(projectId, page, PAGE_SIZE);
  return (
    <ListPage title="Sessions" intro="Conversations and workflows that span several traces" noun="session" query={sessions}>
      <DataTable
        columns={sessionColumns(projectId)}
        query={sessions}
        errorTitle="Could not load sessions"
        empty={
          <EmptyState icon={<MessagesSquare className="h-6 w-6 text-accent" />} title="No sessions yet">
            <TraceAttributeGuide attribute="sessionId" />
          </EmptyState>
        }
        noun="session"
        rowKey={(s) => s.id}
        rowHref={(s) => projectRoutes(projectId).session(s.id)}
        rowTestId="session-row"
        onPageChange={setPage}
        minWidth={700}
      />
    </ListPage>
  );
}

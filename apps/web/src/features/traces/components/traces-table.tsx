"use client";

import type { TTraceListItem } from "@loupe/contracts";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { type Column, DataTable, type Density, type PagedQuery, type SortState } from "@/components/ui/data-table";
import { Dash, IdText } from "@/components/ui/id-text";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatCost, formatDuration, formatTokens } from "@/lib/format";
import { projectRoutes } from "@/lib/routes";

type ColumnName = "User" | "Session";

/** "1,200 → 300" tokens in and out (the exact split in the tooltip), sortable by total. */
export function tokensColumn<
  T extends { inputTokens: number | null; outputTokens: number | null; totalTokens: number | null },
>(): Column<T> {
  return {
    id: "tokens",
    header: "Tokens",
    sortKey: "tokens",
    numeric: true,
    title: (t) => (t.totalTokens !== null ? `${formatTokens(t.inputTokens)} in · ${formatTokens(t.outputTokens)} out` : undefined),
    cell: (t) => (t.totalTokens !== null ? `${formatTokens(t.inputTokens)} → ${formatTokens(t.outputTokens)}` : "–"),
  };
}

/** The columns a trace table can show (ids are remembered by the column picker). */
export function traceColumns(projectId: string, hide: ColumnName[] = []): Column<TTraceListItem>[] {
  const routes = projectRoutes(projectId);
  const columns: Column<TTraceListItem>[] = [
    {
      id: "timestamp",
      header: "Timestamp",
      sortKey: "timestamp",
      className: "text-muted-foreground",
      cell: (t) => <RelativeTime iso={t.timestamp} />,
    },
    {
      id: "name",
      header: "Name",
      sortKey: "name",
      className: "max-w-[240px]",
      cell: (t) => (
        <div className="flex items-center gap-1.5">
          {t.level === "ERROR" ? <span className="h-1.5 w-1.5 shrink-0 rounded-full bg-danger" title="Contains an error" /> : null}
          <Link
            href={routes.trace(t.id)}
            className="truncate font-medium hover:underline"
            title={t.name ?? t.id}
            onClick={(e) => e.stopPropagation()}
          >
            {t.name ?? <span className="text-muted-foreground italic">unnamed</span>}
          </Link>
        </div>
      ),
    },
    {
      id: "id",
      header: "Trace ID",
      hideWhenNarrow: true,
      className: "max-w-[140px] truncate font-mono text-xs text-muted-foreground",
      title: (t) => t.id,
      cell: (t) => t.id,
    },
    {
      id: "user",
      header: "User",
      className: "max-w-[160px]",
      cell: (t) => (t.userId ? <IdText value={t.userId} href={routes.user(t.userId)} copyLabel="Copy user id" /> : <Dash />),
    },
    {
      id: "session",
      header: "Session",
      className: "max-w-[160px]",
      cell: (t) => (t.sessionId ? <IdText value={t.sessionId} href={routes.session(t.sessionId)} copyLabel="Copy session id" /> : <Dash />),
    },
    { id: "latency", header: "Latency", sortKey: "latency", numeric: true, cell: (t) => formatDuration(t.latencyMs) },
    tokensColumn(),
    { id: "cost", header: "Cost", sortKey: "cost", numeric: true, cell: (t) => formatCost(t.totalCost) },
    {
      id: "tags",
      header: "Tags",
      hideWhenNarrow: true,
      className: "max-w-[200px]",
      cell: (t) => (
        <div className="flex gap-1 overflow-hidden">
          {t.tags.slice(0, 3).map((tag) => (
            <Badge key={tag} title={tag}>
              {tag}
            </Badge>
          ))}
          {t.tags.length > 3 ? <Badge>+{t.tags.length - 3}</Badge> : null}
        </div>
      ),
    },
    { id: "level", header: "Level", cell: (t) => <LevelBadge level={t.level} /> },
  ];
  return columns.filter((c) => !hide.includes(c.header as ColumnName));
}

/** ERROR red, WARNING amber, DEBUG muted (ui.md); DEFAULT shows nothing. */
export function LevelBadge({ level }: { level: string }) {
  if (level === "ERROR") return <Badge tone="danger">ERROR</Badge>;
  if (level === "WARNING") return <Badge tone="warning">WARNING</Badge>;
  if (level === "DEBUG") return <Badge>DEBUG</Badge>;
  return <span className="text-muted-foreground">–</span>;
}

/** The trace table of the traces page and of a user's page: rows open the trace, user/session cells link to theirs. */
export function TracesTable({
  projectId,
  query,
  onPageChange,
  empty,
  hide = [],
  columns,
  sort,
  onSort,
  density,
  rowKeys,
}: {
  projectId: string;
  query: PagedQuery<TTraceListItem>;
  onPageChange: (page: number) => void;
  empty: ReactNode;
  hide?: ColumnName[];
  /** The columns in the user's chosen order (the traces page); all of them otherwise. */
  columns?: Column<TTraceListItem>[];
  sort?: SortState;
  onSort?: (next: SortState) => void;
  density?: Density;
  rowKeys?: boolean;
}) {
  return (
    <DataTable
      columns={columns ?? traceColumns(projectId, hide)}
      sort={sort}
      onSort={onSort}
      density={density}
      rowKeys={rowKeys}
      query={query}
      errorTitle="Could not load traces"
      empty={empty}
      noun="trace"
      rowKey={(t) => t.id}
      rowHref={(t) => projectRoutes(projectId).trace(t.id)}
      rowTestId="trace-row"
      onPageChange={onPageChange}
      minWidth={720}
    />
  );
}

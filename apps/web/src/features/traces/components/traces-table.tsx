"use client";

import type { TTraceListItem, TTraceScoreAggregate } from "@loupe/contracts";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import {
  type Column,
  DataTable,
  type Density,
  type PagedQuery,
  type RowChecks,
  type RowSelection,
  type SortState,
} from "@/components/ui/data-table";
import { Dash, IdText } from "@/components/ui/id-text";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatCost, formatDuration, formatTokens } from "@/lib/shared/format";
import { projectRoutes } from "@/lib/shared/routes";

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
      cell: (t) => (
        <div className="flex max-w-[220px] items-center gap-1.5">
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
      className: "font-mono text-xs text-muted-foreground",
      title: (t) => t.id,
      cell: (t) => <div className="max-w-[140px] truncate">{t.id}</div>,
    },
    {
      id: "user",
      header: "User",
      hideWhenNarrow: true,
      cell: (t) =>
        t.userId ? <IdText value={t.userId} href={routes.user(t.userId)} copyLabel="Copy user id" className="max-w-[140px]" /> : <Dash />,
    },
    {
      id: "session",
      header: "Session",
      hideWhenNarrow: true,
      cell: (t) =>
        t.sessionId ? (
          <IdText value={t.sessionId} href={routes.session(t.sessionId)} copyLabel="Copy session id" className="max-w-[140px]" />
        ) : (
          <Dash />
        ),
    },
    { id: "latency", header: "Latency", sortKey: "latency", numeric: true, cell: (t) => formatDuration(t.latencyMs) },
    tokensColumn(),
    { id: "cost", header: "Cost", sortKey: "cost", numeric: true, cell: (t) => formatCost(t.totalCost) },
    {
      id: "scores",
      header: "Scores",
      cell: (t) => (
        <div className="max-w-[220px]">
          <ScoreBadges scores={t.scores} />
        </div>
      ),
    },
    {
      id: "tags",
      header: "Tags",
      hideWhenNarrow: true,
      cell: (t) => (
        <div className="flex max-w-[180px] gap-1 overflow-hidden">
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

const MAX_SCORE_BADGES = 2;

/** A score's value on a badge: numbers to two decimals at most, labels as they are. */
function scoreValueText(s: TTraceScoreAggregate): string {
  if (s.dataType === "NUMERIC" && s.average !== null) return String(Math.round(s.average * 100) / 100);
  return s.mostCommon ?? "–";
}

/** How a badge's value was reached, for its tooltip ("average of 3", "most common of 5"). */
function scoreTooltip(s: TTraceScoreAggregate): string {
  const how = s.dataType === "NUMERIC" ? (s.count > 1 ? `average of ${s.count} scores` : "1 score") : `most common of ${s.count}`;
  return `${s.name}: ${scoreValueText(s)} (${s.dataType.toLowerCase()}, ${how})`;
}

/** The Scores column: one compact badge per score name, the rest counted in a last badge. */
export function ScoreBadges({ scores }: { scores: TTraceScoreAggregate[] }) {
  if (scores.length === 0) return <Dash />;
  const rest = scores.slice(MAX_SCORE_BADGES);
  return (
    <div className="flex gap-1 overflow-hidden" data-testid="score-badges">
      {scores.slice(0, MAX_SCORE_BADGES).map((s) => (
        <Badge key={`${s.name}:${s.dataType}`} title={scoreTooltip(s)} className="shrink-0 gap-1 font-normal">
          <span className="max-w-28 truncate">{s.name}</span>
          <span className="font-mono font-medium text-foreground tabular">{scoreValueText(s)}</span>
        </Badge>
      ))}
      {rest.length > 0 ? (
        <Badge title={rest.map(scoreTooltip).join("\n")} className="shrink-0">
          +{rest.length}
        </Badge>
      ) : null}
    </div>
  );
}

/** ERROR red, WARNING amber, DEBUG muted (ui.md); DEFAULT shows nothing. */
export function LevelBadge({ level }: { level: string }) {
  if (level === "ERROR") return <Badge tone="danger">ERROR</Badge>;
  if (level === "WARNING") return <Badge tone="warning">WARNING</Badge>;
  if (level === "DEBUG") return <Badge>DEBUG</Badge>;
  return <span className="text-muted-foreground">–</span>;
}

/**
 * The trace table of the traces page and of a user's page: rows open the trace (or its preview),
 * the name links to the trace page, user/session cells link to theirs.
 */
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
  selection,
  checks,
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
  /** Rows open a preview (the traces page) instead of the trace page. */
  selection?: RowSelection<TTraceListItem>;
  /** Row checkboxes for the bulk actions (the traces page). */
  checks?: RowChecks;
}) {
  return (
    <DataTable
      columns={columns ?? traceColumns(projectId, hide)}
      sort={sort}
      onSort={onSort}
      density={density}
      rowKeys={rowKeys}
      selection={selection}
      checks={checks}
      query={query}
      errorTitle="Could not load traces"
      empty={empty}
      noun="trace"
      rowKey={(t) => t.id}
      rowHref={(t) => projectRoutes(projectId).trace(t.id)}
      rowTestId="trace-row"
      onPageChange={onPageChange}
      minWidth={600}
    />
  );
}

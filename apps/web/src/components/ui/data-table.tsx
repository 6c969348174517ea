"use client";

import { ArrowDown, ArrowUp, ArrowUpDown, ChevronLeft, ChevronRight } from "lucide-react";
import { useRouter } from "next/navigation";
import { type ReactNode, useEffect, useRef } from "react";
import { cn } from "@/lib/cn";
import { formatCount } from "@/lib/format";
import { Button } from "./button";
import { Skeleton } from "./skeleton";
import { ErrorState } from "./states";

export type Column<T> = {
  /** Stable id for the column picker and remembered layouts (defaults to the header). */
  id?: string;
  header: string;
  /** The server-side sort key of this column; its header becomes a sort toggle. */
  sortKey?: string;
  cell: (row: T) => ReactNode;
  /** Numbers, durations and costs: right-aligned, monospace, tabular. */
  numeric?: boolean;
  /** Extra classes of the cell (width caps for truncation). */
  className?: string;
  title?: (row: T) => string | undefined;
  /** Left out below 1100 px so narrow windows keep the essential columns without scrolling. */
  hideWhenNarrow?: boolean;
};

const NARROW_HIDDEN = "max-[1100px]:hidden";

export type SortState = { sort: string; order: "asc" | "desc" };
/** Row heights of ui.md: 32 px, compact 28 px. */
export type Density = "default" | "compact";
const ROW_HEIGHT: Record<Density, string> = { default: "h-8", compact: "h-7" };

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** `j`/`k` move the focus between the rows of a table (Enter on a row opens it). */
function useRowKeys(body: React.RefObject<HTMLTableSectionElement | null>, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.key !== "j" && e.key !== "k") || e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      const rows = Array.from(body.current?.querySelectorAll<HTMLTableRowElement>("tr[tabindex]") ?? []);
      if (rows.length === 0) return;
      e.preventDefault();
      const current = rows.indexOf(document.activeElement as HTMLTableRowElement);
      const next = current === -1 ? 0 : Math.min(rows.length - 1, Math.max(0, current + (e.key === "j" ? 1 : -1)));
      rows[next]?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [body, enabled]);
}

type PageMeta = { page: number; totalItems: number; totalPages: number };

/** The parts of a react-query result over a paged list that a table needs. */
export type PagedQuery<T> = {
  data: { data: T[]; meta: PageMeta } | undefined;
  isPending: boolean;
  error: Error | null;
  refetch: () => unknown;
};

/**
 * The list table of every page (ui.md: 13 px, 32 px rows, numbers right-aligned): loading skeleton,
 * error state with retry, an empty state, clickable rows (Enter opens) and a pager with the total count.
 */
export function DataTable<T>({
  columns,
  query,
  errorTitle,
  empty,
  noun,
  rowKey,
  rowHref,
  rowTestId,
  onPageChange,
  minWidth = 880,
  sort,
  onSort,
  density = "default",
  rowKeys = false,
}: {
  columns: Column<T>[];
  query: PagedQuery<T>;
  errorTitle: string;
  empty: ReactNode;
  /** What a row is, for the count in the footer ("trace"). */
  noun: string;
  rowKey: (row: T) => string;
  rowHref?: (row: T) => string;
  rowTestId?: string;
  onPageChange: (page: number) => void;
  minWidth?: number;
  /** Server-side sort: the active column and direction, and what a header click asks for. */
  sort?: SortState;
  onSort?: (next: SortState) => void;
  density?: Density;
  /** Listen for `j`/`k` on the page (one table per page). */
  rowKeys?: boolean;
}) {
  const router = useRouter();
  const body = useRef<HTMLTableSectionElement>(null);
  useRowKeys(body, rowKeys);
  const rowHeight = ROW_HEIGHT[density];
  const { error, isPending } = query;
  const rows = query.data?.data;
  const meta = query.data?.meta;
  if (error) return <ErrorState title={errorTitle} message={error.message} onRetry={() => query.refetch()} />;
  if (meta && meta.totalItems === 0) return <>{empty}</>;
  const page = meta?.page ?? 1;
  const totalPages = Math.max(meta?.totalPages ?? 1, 1);
  const align = (c: Column<T>) => (c.numeric ? "text-right" : "text-left");
  return (
    <div className="overflow-hidden rounded-lg border">
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-[13px]" style={{ minWidth }}>
          <thead className="bg-panel text-xs text-muted-foreground">
            <tr>
              {columns.map((c) => {
                const active = sort && c.sortKey === sort.sort;
                return (
                  <th
                    key={c.id ?? c.header}
                    scope="col"
                    aria-sort={active ? (sort.order === "asc" ? "ascending" : "descending") : undefined}
                    className={cn("h-8 whitespace-nowrap border-b px-3 font-medium", align(c), c.hideWhenNarrow && NARROW_HIDDEN)}
                  >
                    {c.sortKey && onSort ? (
                      <button
                        type="button"
                        className={cn("inline-flex items-center gap-1 rounded hover:text-foreground", active && "text-foreground")}
                        onClick={() => onSort({ sort: c.sortKey as string, order: active && sort.order === "desc" ? "asc" : "desc" })}
                      >
                        {c.header}
                        {active ? (
                          sort.order === "asc" ? (
                            <ArrowUp className="h-3 w-3" />
                          ) : (
                            <ArrowDown className="h-3 w-3" />
                          )
                        ) : (
                          <ArrowUpDown className="h-3 w-3 opacity-40" />
                        )}
                      </button>
                    ) : (
                      c.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody ref={body}>
            {isPending || !rows
              ? Array.from({ length: 8 }, (_, i) => (
                  <tr key={i} className={cn(rowHeight, "border-b last:border-0")} data-testid="skeleton-row">
                    {columns.map((c) => (
                      <td key={c.id ?? c.header} className={cn("px-3", c.hideWhenNarrow && NARROW_HIDDEN)}>
                        <Skeleton className="h-3.5 w-full" />
                      </td>
                    ))}
                  </tr>
                ))
              : rows.map((row) => {
                  const href = rowHref?.(row);
                  return (
                    <tr
                      key={rowKey(row)}
                      data-testid={rowTestId}
                      tabIndex={href ? 0 : undefined}
                      onClick={href ? () => router.push(href) : undefined}
                      onKeyDown={(e) => {
                        if (href && e.key === "Enter" && e.target === e.currentTarget) router.push(href);
                      }}
                      className={cn(
                        rowHeight,
                        "border-b last:border-0 outline-none hover:bg-muted/60 focus:bg-muted focus:shadow-[inset_2px_0_0_var(--accent)]",
                        href && "cursor-pointer",
                      )}
                    >
                      {columns.map((c) => (
                        <td
                          key={c.id ?? c.header}
                          title={c.title?.(row)}
                          className={cn(
                            "px-3",
                            rowHeight,
                            c.numeric && "whitespace-nowrap text-right font-mono text-xs tabular",
                            c.className,
                            c.hideWhenNarrow && NARROW_HIDDEN,
                          )}
                        >
                          {c.cell(row)}
                        </td>
                      ))}
                    </tr>
                  );
                })}
          </tbody>
        </table>
      </div>
      <Pager page={page} totalPages={totalPages} label={meta ? formatCount(meta.totalItems, noun) : null} onPageChange={onPageChange} />
    </div>
  );
}

export function Pager({
  page,
  totalPages,
  label,
  onPageChange,
}: {
  page: number;
  totalPages: number;
  label: string | null;
  onPageChange: (page: number) => void;
}) {
  return (
    <div className="flex items-center justify-between gap-3 border-t bg-panel px-3 py-2 text-xs text-muted-foreground">
      <span className="tabular" data-testid="pager-label">
        {label === null ? "Loading…" : `Page ${page} of ${totalPages} · ${label}`}
      </span>
      <div className="flex gap-1">
        <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => onPageChange(page - 1)} aria-label="Previous page">
          <ChevronLeft className="h-3.5 w-3.5" />
        </Button>
        <Button variant="secondary" size="sm" disabled={page >= totalPages} onClick={() => onPageChange(page + 1)} aria-label="Next page">
          <ChevronRight className="h-3.5 w-3.5" />
        </Button>
      </div>
    </div>
  );
}

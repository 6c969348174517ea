"use client";

import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { useRouter } from "next/navigation";
import { type ReactNode, useRef } from "react";
import { useShortcuts } from "@/components/keyboard/shortcuts";
import { cn } from "@/lib/shared/cn";
import { formatCount } from "@/lib/shared/format";
import { Pager } from "./pager";
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
  /** Left out when the table is under 840 px wide (a narrow window, or beside the preview panel). */
  hideWhenNarrow?: boolean;
};

const NARROW_HIDDEN = "@max-[840px]:hidden";

/**
 * A table whose rows open a preview: whether one is showing, which row it shows (null when the
 * preview shows something no row of this page is), and how a row asks for it.
 */
export type RowSelection<T> = { previewOpen: boolean; selectedKey: string | null; onSelectRow: (row: T) => void };

/**
 * Rows with a checkbox each (bulk actions): which rows are ticked and how a tick changes that. The
 * header's box ticks the page; `x` ticks the focused row.
 */
export type RowChecks = {
  isChecked: (key: string) => boolean;
  toggle: (key: string) => void;
  setMany: (keys: string[], checked: boolean) => void;
};

export type SortState = { sort: string; order: "asc" | "desc" };
/** Row heights of ui.md: 32 px, compact 28 px. */
export type Density = "default" | "compact";
const ROW_HEIGHT: Record<Density, string> = { default: "h-8", compact: "h-7" };

/** The table's rows that open something (the ones `j`/`k` move between). */
const focusableRows = (body: HTMLTableSectionElement | null) =>
  Array.from(body?.querySelectorAll<HTMLTableRowElement>("tr[tabindex]") ?? []);

/**
 * `j`/`k` (anywhere but in a field) and the arrow keys (on a row) move the focus between rows,
 * starting from the focused row, else the selected one. Enter on a row is the row's own handler.
 */
function useRowKeys(body: React.RefObject<HTMLTableSectionElement | null>, enabled: boolean, selectable: boolean, checks?: RowChecks) {
  const move = (step: 1 | -1) => (e: KeyboardEvent) => {
    const rows = focusableRows(body.current);
    const focused = rows.indexOf(document.activeElement as HTMLTableRowElement);
    // Arrows keep scrolling the page unless a row has the focus.
    if (rows.length === 0 || (e.key.startsWith("Arrow") && focused === -1)) return false;
    const current = focused !== -1 ? focused : rows.findIndex((r) => r.getAttribute("aria-selected") === "true");
    const next = current === -1 ? 0 : Math.min(rows.length - 1, Math.max(0, current + step));
    rows[next]?.focus();
  };
  useShortcuts(
    "Lists",
    [
      { keys: ["j", "ArrowDown"], description: "Next row", run: move(1) },
      { keys: ["k", "ArrowUp"], description: "Previous row", run: move(-1) },
      {
        keys: ["Enter"],
        description: selectable ? "Preview the focused row; again to open its page" : "Open the focused row",
      },
      ...(checks
        ? [
            {
              keys: ["x"],
              description: "Select or unselect the focused row",
              run: () => {
                const key = (document.activeElement as HTMLElement | null)?.closest("tr")?.dataset.rowKey;
                if (!key || !body.current?.contains(document.activeElement)) return false;
                checks.toggle(key);
              },
            },
          ]
        : []),
    ],
    enabled,
  );
}

/** `totalIsLowerBound`: the server stopped counting at a cap (big lists), so there may be more pages. */
type PageMeta = { page: number; limit?: number; totalItems: number; totalPages: number; totalIsLowerBound?: boolean };

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
  onPageSizeChange,
  minWidth = 880,
  sort,
  onSort,
  density = "default",
  rowKeys = false,
  selection,
  checks,
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
  /** Offers a page size choice in the pager (the size itself comes from the answer's meta). */
  onPageSizeChange?: (limit: number) => void;
  minWidth?: number;
  /** Server-side sort: the active column and direction, and what a header click asks for. */
  sort?: SortState;
  onSort?: (next: SortState) => void;
  density?: Density;
  /** Listen for `j`/`k` on the page (one table per page). */
  rowKeys?: boolean;
  /**
   * Rows open a preview instead of navigating: a click or Enter selects the row (`onSelectRow`),
   * Enter on the selected row opens `rowHref`, and while a row is selected the selection follows
   * the focus (so `j`/`k` move the preview).
   */
  selection?: RowSelection<T>;
  /** A checkbox per row and one for the page (bulk actions). */
  checks?: RowChecks;
}) {
  const router = useRouter();
  const body = useRef<HTMLTableSectionElement>(null);
  useRowKeys(body, rowKeys, selection !== undefined, checks);
  const rowHeight = ROW_HEIGHT[density];
  const { error, isPending } = query;
  const rows = query.data?.data;
  const meta = query.data?.meta;
  if (error) return <ErrorState title={errorTitle} error={error} onRetry={() => query.refetch()} />;
  if (meta && meta.totalItems === 0) return <>{empty}</>;
  const page = meta?.page ?? 1;
  const totalPages = Math.max(meta?.totalPages ?? 1, 1);
  const align = (c: Column<T>) => (c.numeric ? "text-right" : "text-left");
  const pageKeys = rows?.map(rowKey) ?? [];
  return (
    <div className="@container overflow-hidden rounded-lg border">
      <div className="overflow-x-auto" data-testid="data-table-scroll">
        <table className="w-full border-collapse text-[13px]" style={{ minWidth }}>
          <thead className="bg-panel text-xs text-muted-foreground">
            <tr>
              {checks ? (
                <th scope="col" className="h-8 w-8 border-b pl-3">
                  <PageCheckbox keys={pageKeys} checks={checks} />
                </th>
              ) : null}
              {columns.map((c) => {
                const active = sort && c.sortKey === sort.sort;
                return (
                  <th
                    key={c.id ?? c.header}
                    scope="col"
                    aria-sort={active ? (sort.order === "asc" ? "ascending" : "descending") : undefined}
                    className={cn(
                      "h-8 whitespace-nowrap border-b font-medium",
                      c.sortKey && onSort ? "p-0" : "px-3",
                      align(c),
                      c.hideWhenNarrow && NARROW_HIDDEN,
                    )}
                  >
                    {c.sortKey && onSort ? (
                      // The whole cell is the button: a click anywhere on the header sorts.
                      <button
                        type="button"
                        className={cn(
                          "flex h-8 w-full items-center gap-1 px-3 hover:bg-muted/60 hover:text-foreground focus-visible:outline-2 focus-visible:-outline-offset-2",
                          c.numeric && "justify-end",
                          active && "text-foreground",
                        )}
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
                    {checks ? <td className="w-8 pl-3" /> : null}
                    {columns.map((c) => (
                      <td key={c.id ?? c.header} className={cn("px-3", c.hideWhenNarrow && NARROW_HIDDEN)}>
                        <Skeleton className="h-3.5 w-full" />
                      </td>
                    ))}
                  </tr>
                ))
              : rows.map((row) => {
                  const key = rowKey(row);
                  const href = rowHref?.(row);
                  const selected = selection !== undefined && selection.selectedKey === key;
                  const open = () => {
                    if (selection && !selected) selection.onSelectRow(row);
                    else if (href) router.push(href);
                  };
                  return (
                    <tr
                      key={key}
                      data-testid={rowTestId}
                      data-row-key={key}
                      tabIndex={href || selection ? 0 : undefined}
                      aria-selected={selection ? selected : undefined}
                      onClick={selection ? () => selection.onSelectRow(row) : href ? () => router.push(href) : undefined}
                      onFocus={(e) => {
                        if (e.target === e.currentTarget && selection?.previewOpen && !selected) selection.onSelectRow(row);
                      }}
                      onKeyDown={(e) => {
                        if (e.key === "Enter" && e.target === e.currentTarget) open();
                      }}
                      className={cn(
                        rowHeight,
                        "border-b last:border-0 outline-none hover:bg-muted/60 focus:bg-muted focus:shadow-[inset_2px_0_0_var(--accent)]",
                        (href || selection) && "cursor-pointer",
                        selected && "bg-accent-soft shadow-[inset_2px_0_0_var(--accent)] hover:bg-accent-soft focus:bg-accent-soft",
                        checks?.isChecked(key) && !selected && "bg-accent-soft/50",
                      )}
                    >
                      {checks ? (
                        // The box is its own control: a click on it never opens the row.
                        <td className="w-8 pl-3" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
                          <input
                            type="checkbox"
                            className="align-middle accent-[var(--accent)]"
                            aria-label={`Select ${noun}`}
                            checked={checks.isChecked(key)}
                            onChange={() => checks.toggle(key)}
                          />
                        </td>
                      ) : null}
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
      <Pager
        page={page}
        totalPages={totalPages}
        morePages={meta?.totalIsLowerBound ?? false}
        label={meta ? formatCount(meta.totalItems, noun, { atLeast: meta.totalIsLowerBound }) : null}
        onPageChange={onPageChange}
        pageSize={onPageSizeChange && meta?.limit ? { value: meta.limit, onChange: onPageSizeChange } : undefined}
      />
    </div>
  );
}

/** The header's box: ticks or clears every row of the page; mixed when some are ticked. */
function PageCheckbox({ keys, checks }: { keys: string[]; checks: RowChecks }) {
  const ticked = keys.filter((k) => checks.isChecked(k)).length;
  const all = keys.length > 0 && ticked === keys.length;
  return (
    <input
      type="checkbox"
      className="align-middle accent-[var(--accent)]"
      aria-label="Select all on this page"
      disabled={keys.length === 0}
      checked={all}
      ref={(el) => {
        if (el) el.indeterminate = ticked > 0 && !all;
      }}
      onChange={() => checks.setMany(keys, !all)}
    />
  );
}

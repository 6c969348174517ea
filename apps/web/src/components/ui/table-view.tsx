"use client";

import { SearchX } from "lucide-react";
import { ApiError } from "@/lib/client/api-client";
import type { ListQueryState } from "@/lib/client/use-list-query";
import { Button } from "./button";
import type { Column, Density, SortState } from "./data-table";
import { EmptyState } from "./states";

/** The DataTable props of a list whose view lives in the URL: visible columns, sort, density, page, j/k. */
export function tableViewProps<T>(
  view: Pick<ListQueryState, "raw" | "set">,
  layout: { visible: Column<T>[]; density: Density },
  defaults: SortState = { sort: "timestamp", order: "desc" },
) {
  return {
    columns: layout.visible,
    density: layout.density,
    rowKeys: true,
    sort: { sort: view.raw.sort ?? defaults.sort, order: (view.raw.order ?? defaults.order) as SortState["order"] },
    onSort: (next: SortState) => view.set({ sort: next.sort, order: next.order }),
    onPageChange: (page: number) => view.set({ page }),
    onPageSizeChange: (limit: number) => view.set({ limit }),
  };
}

/** The export URL's query of a table view: its filters (not its page) and the file format. */
export function exportQuery(raw: Record<string, string>, format: string): string {
  const { page: _page, ...filters } = raw;
  return new URLSearchParams({ ...filters, format }).toString();
}

/** True when the view narrows the list (anything but page, size and sort). */
export const isFiltered = (raw: Record<string, string>) => Object.keys(raw).some((k) => !["page", "limit", "sort", "order"].includes(k));

/** The empty state of a filtered list: says so and offers to clear the filters. */
export function NoMatches({ noun, onClear }: { noun: string; onClear: () => void }) {
  return (
    <EmptyState icon={<SearchX className="h-6 w-6 text-muted-foreground" />} title={`No ${noun} match these filters`}>
      <p>Widen the time range, remove a filter, or search for something else.</p>
      <Button variant="secondary" size="sm" className="mt-3" onClick={onClear}>
        Clear filters
      </Button>
    </EmptyState>
  );
}

export function AutoRefreshToggle({ checked, onChange }: { checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="flex items-center gap-1.5 text-xs text-muted-foreground">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      Auto-refresh
    </label>
  );
}

/** What the table shows instead of a query when the URL's view does not parse: the issues, and a reset. */
export function withViewIssues<Q extends { error: Error | null; refetch: () => unknown }>(
  query: Q,
  view: Pick<ListQueryState, "issues" | "reset">,
): Q {
  if (view.issues.length === 0) return query;
  return {
    ...query,
    isPending: false,
    data: undefined,
    // A 400 of the page's own making: the same link fails again, so no "Try again" (isRetryable).
    error: new ApiError(400, `This link's filters are invalid (${view.issues.join("; ")}); change or clear them above`),
    refetch: view.reset,
  };
}

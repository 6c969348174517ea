"use client";

import { MAX_SELECTED_IDS } from "@loupe/contracts";
import { useMemo, useState } from "react";
import type { RowChecks } from "@/components/ui/data-table";

type State = { view: string; ids: ReadonlySet<string>; allMatching: boolean };

/** What a table's bulk action acts on: the ticked ids, or every row of the table's filter (sent as the filter). */
type TableSelection<Q> = { kind: "ids"; ids: string[] } | { kind: "filter"; filter: Q };

/**
 * A list table's bulk selection: ticked ids (kept across pages, at most MAX_SELECTED_IDS), or "every
 * row matching the filter", which travels as the filter itself so the server resolves and bounds it.
 * A change of the view (anything but the page) starts over, so a selection never outlives its list.
 */
export function useTableSelection<Q>(raw: Record<string, string>, query: Q | null) {
  const view = useMemo(() => {
    const { page: _page, ...rest } = raw;
    return JSON.stringify(rest);
  }, [raw]);
  const empty: State = { view, ids: new Set(), allMatching: false };
  const [stored, setState] = useState<State>(empty);
  const state = stored.view === view ? stored : empty;
  const update = (next: (s: State) => Omit<State, "view">) => setState((s) => ({ view, ...next(s.view === view ? s : empty) }));

  const checks: RowChecks = {
    isChecked: (key) => state.allMatching || state.ids.has(key),
    toggle: (key) =>
      update((s) => {
        // Unticking one row of "all matching" leaves no filter to send: start over from none.
        if (s.allMatching) return { ids: new Set(), allMatching: false };
        const ids = new Set(s.ids);
        if (ids.has(key)) ids.delete(key);
        else if (ids.size < MAX_SELECTED_IDS) ids.add(key);
        return { ids, allMatching: false };
      }),
    setMany: (keys, checked) =>
      update((s) => {
        const ids = new Set(s.allMatching ? [] : s.ids);
        for (const k of keys) {
          if (!checked) ids.delete(k);
          else if (ids.size < MAX_SELECTED_IDS) ids.add(k);
        }
        return { ids, allMatching: false };
      }),
  };

  const selection: TableSelection<Q> | null =
    state.allMatching && query ? { kind: "filter", filter: query } : state.ids.size > 0 ? { kind: "ids", ids: [...state.ids] } : null;
  return {
    checks,
    selection,
    count: state.ids.size,
    allMatching: state.allMatching && query !== null,
    selectAllMatching: () => update(() => ({ ids: new Set(), allMatching: true })),
    clear: () => update(() => ({ ids: new Set(), allMatching: false })),
  };
}

export type TableSelectionState<Q> = ReturnType<typeof useTableSelection<Q>>;

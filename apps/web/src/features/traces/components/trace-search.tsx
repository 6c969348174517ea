"use client";

import { TRACE_SEARCH_MAX_CHARS, type TObservationSummary } from "@loupe/contracts";
import { buildObservationTree, flattenTree, nameMatches, orderMatches, searchNeedle, stepMatch } from "@loupe/domain";
import { ChevronDown, ChevronUp, Loader2, Search, X } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useShortcuts } from "@/components/keyboard/shortcuts";
import { type TraceSource, useTraceSearch } from "../hooks/use-trace-detail";
import { TRACE_ROOT } from "./observation-tree";

const DEBOUNCE_MS = 250;

/**
 * Find inside a trace (the tree is virtualised, so the browser's find cannot see it): names match
 * as the person types, inputs and outputs on the server; matches are walked in tree order.
 */
export function useTraceFind(source: TraceSource, traceName: string, observations: TObservationSummary[]) {
  const [query, setQuery] = useState("");
  const [debounced, setDebounced] = useState("");
  const [index, setIndex] = useState(-1);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(query.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  const needle = searchNeedle(query);
  const server = useTraceSearch(source, debounced);
  const order = useMemo(() => [TRACE_ROOT, ...flattenTree(buildObservationTree(observations)).map((n) => n.id)], [observations]);
  const matches = useMemo(() => {
    if (!needle) return [];
    const byName = new Set(observations.filter((o) => nameMatches(o, needle)).map((o) => o.id));
    if (traceName.toLowerCase().includes(needle)) byName.add(TRACE_ROOT);
    // Server hits of an older query stay out until the current one answers.
    const fresh = server.data && debounced.toLowerCase() === needle ? server.data : undefined;
    const byPayload = new Set(fresh?.observationIds ?? []);
    if (fresh?.trace) byPayload.add(TRACE_ROOT);
    return orderMatches(order, byName, byPayload);
  }, [needle, observations, traceName, server.data, debounced, order]);
  const matchSet = useMemo(() => new Set(matches), [matches]);
  // A new query starts before the first match again.
  useEffect(() => setIndex(-1), [needle]);
  return {
    query,
    setQuery,
    matches,
    matchSet,
    index: index < matches.length ? index : -1,
    searching: needle !== null && (query.trim() !== debounced || server.isFetching),
    error: server.isError ? server.error : null,
    truncated: server.data?.truncated ?? false,
    /** Moves to the next/previous match and answers its id (TRACE_ROOT for the trace). */
    step: (direction: 1 | -1): string | undefined => {
      const next = stepMatch(matches.length, index, direction);
      setIndex(next);
      return matches[next];
    },
  };
}

type Find = ReturnType<typeof useTraceFind>;

export function TraceSearchBar({ find, onGo }: { find: Find; onGo: (id: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const go = (direction: 1 | -1) => {
    const id = find.step(direction);
    if (id) onGo(id);
  };
  useShortcuts("Trace", [
    {
      keys: ["f"],
      description: "Search in this trace (Enter: next match, Shift+Enter: previous)",
      run: () => input.current?.focus(),
    },
  ]);
  const count = find.matches.length;
  return (
    <div className="flex min-w-0 flex-1 items-center gap-1 rounded-md border px-1.5 focus-within:ring-2 focus-within:ring-accent/40">
      <Search className="h-3.5 w-3.5 shrink-0 text-muted-foreground" aria-hidden />
      <input
        ref={input}
        value={find.query}
        onChange={(e) => find.setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            go(e.shiftKey ? -1 : 1);
          }
          if (e.key === "Escape") {
            find.setQuery("");
            e.currentTarget.blur();
          }
        }}
        maxLength={TRACE_SEARCH_MAX_CHARS}
        placeholder="Search names, inputs, outputs"
        aria-label="Search in this trace"
        data-testid="trace-search"
        className="h-6 min-w-0 flex-1 bg-transparent text-xs outline-none placeholder:text-muted-foreground"
      />
      {find.query.trim() !== "" ? (
        <>
          {find.searching ? <Loader2 className="h-3 w-3 shrink-0 animate-spin text-muted-foreground" aria-label="Searching" /> : null}
          <span
            className="shrink-0 font-mono text-[11px] text-muted-foreground tabular"
            data-testid="trace-search-count"
            role="status"
            title={find.error ? `Inputs and outputs could not be searched: ${find.error.message}` : undefined}
          >
            {count === 0 ? "0" : `${find.index >= 0 ? find.index + 1 : "–"}/${count}${find.truncated ? "+" : ""}`}
            {find.error ? " !" : ""}
          </span>
          <button
            type="button"
            aria-label="Previous match"
            disabled={count === 0}
            onClick={() => go(-1)}
            className="rounded p-0.5 text-muted-foreground hover:bg-muted disabled:opacity-40"
          >
            <ChevronUp className="h-3.5 w-3.5" />
          </button>
          <button
            type="button"
            aria-label="Next match"
            disabled={count === 0}
            onClick={() => go(1)}
            className="rounded p-0.5 text-muted-foreground hover:bg-muted disabled:opacity-40"
          >
            <ChevronDown className="h-3.5 w-3.5" />
          </button>
          <button
            type="button"
            aria-label="Clear search"
            onClick={() => find.setQuery("")}
            className="rounded p-0.5 text-muted-foreground hover:bg-muted"
          >
            <X className="h-3.5 w-3.5" />
          </button>
        </>
      ) : null}
    </div>
  );
}

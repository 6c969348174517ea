import { TRACE_SEARCH_MAX_CHARS } from "@loupe/contracts";

// Search inside one trace (the trace view's find bar): names are matched in the browser as the
// person types, inputs and outputs by the server (they can be megabytes and are not loaded with the
// tree); the matches are walked in tree order with next/previous. Pure, unit-tested.

/** The query as it is matched (trimmed, case-folded), or null when there is nothing to search. */
export function searchNeedle(query: string): string | null {
  const needle = query.trim().toLowerCase();
  return needle === "" ? null : needle.slice(0, TRACE_SEARCH_MAX_CHARS);
}

/** Whether an observation's name (or its type, for unnamed ones) contains the needle. */
export function nameMatches(o: { name: string | null; type: string }, needle: string): boolean {
  return (o.name ?? o.type).toLowerCase().includes(needle);
}

/** The ids of `orderedIds` (the tree's order) that any of `matched` holds, in that order, each once. */
export function orderMatches(orderedIds: readonly string[], ...matched: ReadonlySet<string>[]): string[] {
  return orderedIds.filter((id) => matched.some((set) => set.has(id)));
}

/**
 * The match to go to from `current` (an index into the matches, or -1 before the first step):
 * forward or back, wrapping at both ends. -1 when there are no matches.
 */
export function stepMatch(count: number, current: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0 || current >= count) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}

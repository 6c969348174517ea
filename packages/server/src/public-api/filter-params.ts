import type { TFilterCondition } from "@loupe/contracts";

/**
 * Applies the JSON `filter` parameter the way Langfuse documents it: its conditions take precedence
 * over the simple query parameters on the same column (e.g. a `timestamp` condition replaces
 * fromTimestamp/toTimestamp); simple parameters on other columns still apply. `columnOf` names the
 * column of parameters whose name differs from it.
 */
export function applyFilterParam<Q extends { filter?: TFilterCondition[] }>(
  query: Q,
  columnOf: Partial<Record<keyof Q, string>> = {},
): Omit<Q, "filter"> & { conditions?: TFilterCondition[] } {
  const { filter, ...params } = query;
  if (!filter?.length) return params;
  const overridden = new Set(filter.map((c) => c.column));
  const kept = Object.entries(params).filter(([name]) => !overridden.has(columnOf[name as keyof Q] ?? name));
  return { ...(Object.fromEntries(kept) as Omit<Q, "filter">), conditions: filter };
}

/** Observation list parameters named differently from their filter column. */
export const OBSERVATION_PARAM_COLUMNS = { fromStartTime: "startTime", toStartTime: "startTime" } as const;

"use client";

import { type SuggestionField, ZFilterSuggestionsResponse } from "@loupe/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

/** `value` once it has stopped changing for `ms` (a request per pause in typing, not per key). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** Values of a filter field starting with `prefix` (null: the box is closed, nothing is fetched). */
export function useFilterSuggestions(projectId: string, field: SuggestionField, prefix: string | null) {
  const settled = useDebounced(prefix, 150);
  return useQuery({
    queryKey: queryKeys.filterSuggestions(projectId, field, settled ?? ""),
    queryFn: () =>
      apiFetch(
        ZFilterSuggestionsResponse,
        `${projectApi(projectId)}/filter-suggestions?${new URLSearchParams({ field, prefix: settled ?? "" })}`,
      ),
    enabled: settled !== null && prefix !== null,
    // The server caches a minute too; suggestions a minute old are still good suggestions.
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

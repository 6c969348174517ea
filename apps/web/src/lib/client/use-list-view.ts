"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

export type ListViewOptions = { autoRefresh?: boolean; enabled: boolean };

/** A page of a list table; `view` is the API query string of its URL state (useListQuery). */
export function useListView<S extends z.ZodType>(
  schema: S,
  projectId: string,
  resource: "traces" | "observations" | "sessions" | "users",
  view: string,
  opts: ListViewOptions,
) {
  return useQuery({
    queryKey: queryKeys[resource](projectId, view),
    queryFn: () => apiFetch(schema, `${projectApi(projectId)}/${resource}?${view}`),
    placeholderData: keepPreviousData,
    refetchInterval: opts.autoRefresh ? 5_000 : false,
    enabled: opts.enabled,
  });
}

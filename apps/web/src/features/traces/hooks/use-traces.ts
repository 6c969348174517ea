"use client";

import { ZObservationListResponse, ZTraceListResponse } from "@loupe/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch, projectApi as base } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** A page of a list table; `view` is the API query string of its URL state (useListQuery). */
function useListView<S extends z.ZodType>(
  schema: S,
  projectId: string,
  resource: "traces" | "observations",
  view: string,
  opts: { autoRefresh: boolean; enabled: boolean },
) {
  return useQuery({
    queryKey: queryKeys[resource](projectId, view),
    queryFn: () => apiFetch(schema, `${base(projectId)}/${resource}?${view}`),
    placeholderData: keepPreviousData,
    refetchInterval: opts.autoRefresh ? 5_000 : false,
    enabled: opts.enabled,
  });
}

export const useTraces = (projectId: string, view: string, opts: { autoRefresh: boolean; enabled: boolean }) =>
  useListView(ZTraceListResponse, projectId, "traces", view, opts);

/** Generations unless the view names another type. */
export const useObservations = (projectId: string, view: string, opts: { autoRefresh: boolean; enabled: boolean }) =>
  useListView(ZObservationListResponse, projectId, "observations", view, opts);

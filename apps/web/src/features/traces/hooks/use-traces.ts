"use client";

import { ZObservationListResponse, ZObservationPayloadResponse, ZTraceDetailResponse, ZTraceListResponse } from "@loupe/contracts";
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

export function useTrace(projectId: string, traceId: string) {
  return useQuery({
    queryKey: queryKeys.trace(projectId, traceId),
    queryFn: () => apiFetch(ZTraceDetailResponse, `${base(projectId)}/traces/${encodeURIComponent(traceId)}`),
    // Costs are computed by the worker a moment after ingestion: poll until none is pending.
    refetchInterval: (query) => (query.state.data?.observations.some((o) => o.costPending) ? 2_000 : false),
  });
}

export function useObservationPayload(projectId: string, observationId: string | null) {
  return useQuery({
    queryKey: queryKeys.observation(projectId, observationId ?? ""),
    queryFn: () => apiFetch(ZObservationPayloadResponse, `${base(projectId)}/observations/${encodeURIComponent(observationId ?? "")}`),
    enabled: observationId !== null,
  });
}

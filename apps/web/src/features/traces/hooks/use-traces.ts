"use client";

import { ZObservationListResponse, ZObservationPayloadResponse, ZTraceDetailResponse, ZTraceListResponse } from "@loupe/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch, projectApi as base } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** A page of the traces table; `view` is the API query string of the URL state (useListQuery). */
export function useTraces(projectId: string, view: string, opts: { autoRefresh: boolean; enabled: boolean }) {
  return useQuery({
    queryKey: queryKeys.traces(projectId, view),
    queryFn: () => apiFetch(ZTraceListResponse, `${base(projectId)}/traces?${view}`),
    placeholderData: keepPreviousData,
    refetchInterval: opts.autoRefresh ? 5_000 : false,
    enabled: opts.enabled,
  });
}

/** A page of the observations table (generations unless the view names another type). */
export function useObservations(projectId: string, view: string, opts: { autoRefresh: boolean; enabled: boolean }) {
  return useQuery({
    queryKey: queryKeys.observations(projectId, view),
    queryFn: () => apiFetch(ZObservationListResponse, `${base(projectId)}/observations?${view}`),
    placeholderData: keepPreviousData,
    refetchInterval: opts.autoRefresh ? 5_000 : false,
    enabled: opts.enabled,
  });
}

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

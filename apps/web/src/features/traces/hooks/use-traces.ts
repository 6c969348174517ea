"use client";

import { ZObservationPayloadResponse, ZTraceDetailResponse, ZTraceListResponse } from "@loupe/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch, projectApi as base } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

export function useTraces(projectId: string, page: number, limit: number, autoRefresh: boolean) {
  return useQuery({
    queryKey: queryKeys.traces(projectId, page, limit),
    queryFn: () => apiFetch(ZTraceListResponse, `${base(projectId)}/traces?page=${page}&limit=${limit}`),
    placeholderData: keepPreviousData,
    refetchInterval: autoRefresh ? 5_000 : false,
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

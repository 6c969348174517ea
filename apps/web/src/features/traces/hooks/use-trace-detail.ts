"use client";

import {
  type TCreateAnnotationScoreBody,
  ZCreateAnnotationScoreResponse,
  ZObservationPayloadResponse,
  ZScoreConfigListResponse,
  ZTraceDetailResponse,
  ZTraceSharingResponse,
} from "@loupe/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, projectApi as base } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/**
 * Where a trace is read from: the project's internal API (signed-in members), or the shared route
 * of a public trace (anyone with the link, read-only).
 */
export type TraceSource = { projectId: string; traceId: string; shared: boolean };

const enc = encodeURIComponent;
const sharedBase = (s: TraceSource) => `/api/internal/shared/projects/${enc(s.projectId)}/traces/${enc(s.traceId)}`;

export function useTrace(source: TraceSource) {
  return useQuery({
    queryKey: source.shared ? queryKeys.sharedTrace(source.projectId, source.traceId) : queryKeys.trace(source.projectId, source.traceId),
    queryFn: () =>
      apiFetch(ZTraceDetailResponse, source.shared ? sharedBase(source) : `${base(source.projectId)}/traces/${enc(source.traceId)}`),
    // Costs are computed by the worker a moment after ingestion: poll until none is pending.
    refetchInterval: (query) => (query.state.data?.observations.some((o) => o.costPending) ? 2_000 : false),
  });
}

export function useObservationPayload(source: TraceSource, observationId: string) {
  return useQuery({
    queryKey: source.shared
      ? queryKeys.sharedObservation(source.projectId, source.traceId, observationId)
      : queryKeys.observation(source.projectId, observationId),
    queryFn: () =>
      apiFetch(
        ZObservationPayloadResponse,
        source.shared
          ? `${sharedBase(source)}/observations/${enc(observationId)}`
          : `${base(source.projectId)}/observations/${enc(observationId)}`,
      ),
  });
}

export function useScoreConfigs(projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.scoreConfigs(projectId),
    queryFn: () => apiFetch(ZScoreConfigListResponse, `${base(projectId)}/score-configs`),
    enabled,
  });
}

export function useAddScore(projectId: string, traceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateAnnotationScoreBody) =>
      apiFetch(ZCreateAnnotationScoreResponse, `${base(projectId)}/scores`, { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.trace(projectId, traceId) }),
  });
}

export function useSetTracePublic(projectId: string, traceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (isPublic: boolean) =>
      apiFetch(ZTraceSharingResponse, `${base(projectId)}/traces/${enc(traceId)}`, { method: "PATCH", body: { public: isPublic } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.trace(projectId, traceId) }),
  });
}

"use client";

import {
  type TCreateAnnotationScoreBody,
  ZCreateAnnotationScoreResponse,
  ZObservationPayloadResponse,
  ZScoreConfigListResponse,
  type TTraceDetailResponse,
  ZTraceDetailResponse,
  ZTraceSearchResponse,
  ZTraceSharingResponse,
} from "@loupe/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { apiFetch, projectApi as base } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

/**
 * Where a trace is read from: the project's internal API (signed-in members), or the shared route
 * of a public trace (anyone with the link, read-only).
 */
export type TraceSource = { projectId: string; traceId: string; shared: boolean };

const enc = encodeURIComponent;
const sharedBase = (s: TraceSource) => `/api/internal/shared/projects/${enc(s.projectId)}/traces/${enc(s.traceId)}`;

/** The query of one trace, shared by the view and the preview's prefetch of neighbouring rows. */
function traceQuery(source: TraceSource) {
  return {
    queryKey: source.shared ? queryKeys.sharedTrace(source.projectId, source.traceId) : queryKeys.trace(source.projectId, source.traceId),
    queryFn: () =>
      apiFetch(ZTraceDetailResponse, source.shared ? sharedBase(source) : `${base(source.projectId)}/traces/${enc(source.traceId)}`),
  };
}

/**
 * While a list's preview shows `traceId`, loads the rows before and after it, so j/k through the
 * list shows the next trace at once instead of a skeleton.
 */
export function usePrefetchNeighbourTraces(projectId: string, traceId: string | null, rowIds: string[] | undefined) {
  const client = useQueryClient();
  useEffect(() => {
    if (!traceId || !rowIds) return;
    const i = rowIds.indexOf(traceId);
    if (i < 0) return;
    for (const id of [rowIds[i + 1], rowIds[i - 1]]) {
      if (id) void client.prefetchQuery({ ...traceQuery({ projectId, traceId: id, shared: false }), staleTime: 10_000 });
    }
  }, [client, projectId, traceId, rowIds]);
}

export function useTrace(source: TraceSource, enabled = true) {
  return useQuery({
    ...traceQuery(source),
    enabled,
    // A trace still being written (its newest activity is under a minute old) is polled, so its tree
    // fills in as the SDK flushes the rest of it.
    refetchInterval: (query) => (query.state.data && isStillArriving(query.state.data) ? 3_000 : false),
  });
}

const ARRIVING_WINDOW_MS = 60_000;

function isStillArriving(trace: TTraceDetailResponse, now = Date.now()): boolean {
  const times = [trace.timestamp, ...trace.observations.map((o) => o.endTime ?? o.startTime)].map((t) => Date.parse(t));
  return now - Math.max(...times) < ARRIVING_WINDOW_MS;
}

export function useObservationPayload(source: TraceSource, observationId: string, enabled = true) {
  return useQuery({
    enabled,
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

/**
 * Observations whose input or output contains `q` (server-side: payloads are not loaded with the
 * tree). Empty `q` asks nothing; the caller debounces.
 */
export function useTraceSearch(source: TraceSource, q: string) {
  return useQuery({
    enabled: q !== "",
    queryKey: queryKeys.traceSearch(source.projectId, source.traceId, source.shared, q),
    queryFn: () =>
      apiFetch(
        ZTraceSearchResponse,
        `${source.shared ? sharedBase(source) : `${base(source.projectId)}/traces/${enc(source.traceId)}`}/search?q=${enc(q)}`,
      ),
    staleTime: 30_000,
  });
}

export function useSetTracePublic(projectId: string, traceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { public: boolean; hideIdentity?: boolean }) =>
      apiFetch(ZTraceSharingResponse, `${base(projectId)}/traces/${enc(traceId)}`, { method: "PATCH", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.trace(projectId, traceId) }),
  });
}

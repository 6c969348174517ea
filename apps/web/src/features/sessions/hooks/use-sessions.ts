"use client";

import { ZSessionDetailResponse, ZSessionListResponse } from "@loupe/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

export function useSessions(projectId: string, page: number, limit: number) {
  return useQuery({
    queryKey: queryKeys.sessions(projectId, page, limit),
    queryFn: () => apiFetch(ZSessionListResponse, `${projectApi(projectId)}/sessions?page=${page}&limit=${limit}`),
    placeholderData: keepPreviousData,
  });
}

export function useSession(projectId: string, sessionId: string, page: number) {
  return useQuery({
    queryKey: queryKeys.session(projectId, sessionId, page),
    queryFn: () => apiFetch(ZSessionDetailResponse, `${projectApi(projectId)}/sessions/${encodeURIComponent(sessionId)}?page=${page}`),
    // Keep the previous page while the next loads, but never show another session's data.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === sessionId ? previous : undefined),
  });
}

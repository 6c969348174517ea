"use client";

import { ZSessionDetailResponse, ZSessionListResponse } from "@loupe/contracts";
import { useQuery } from "@tanstack/react-query";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";
import { type ListViewOptions, useListView } from "@/lib/client/use-list-view";

/** A page of the sessions list; `view` is the API query string of its URL state (useListQuery). */
export const useSessions = (projectId: string, view: string, opts: ListViewOptions) =>
  useListView(ZSessionListResponse, projectId, "sessions", view, opts);

export function useSession(projectId: string, sessionId: string, page: number) {
  return useQuery({
    queryKey: queryKeys.session(projectId, sessionId, page),
    queryFn: () => apiFetch(ZSessionDetailResponse, `${projectApi(projectId)}/sessions/${encodeURIComponent(sessionId)}?page=${page}`),
    // Keep the previous page while the next loads, but never show another session's data.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === sessionId ? previous : undefined),
  });
}

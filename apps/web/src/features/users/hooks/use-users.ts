"use client";

import { ZUserDetailResponse, ZUserListResponse } from "@loupe/contracts";
import { useQuery } from "@tanstack/react-query";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";
import { type ListViewOptions, useListView } from "@/lib/client/use-list-view";

/** A page of the users list; `view` is the API query string of its URL state (useListQuery). */
export const useUsers = (projectId: string, view: string, opts: ListViewOptions) =>
  useListView(ZUserListResponse, projectId, "users", view, opts);

export function useUser(projectId: string, userId: string, page: number, limit: number) {
  return useQuery({
    queryKey: queryKeys.user(projectId, userId, page, limit),
    queryFn: () =>
      apiFetch(ZUserDetailResponse, `${projectApi(projectId)}/users/${encodeURIComponent(userId)}?page=${page}&limit=${limit}`),
    // Keep the previous page while the next loads, but never show another user's data.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === userId ? previous : undefined),
  });
}

"use client";

import { ZUserDetailResponse, ZUserListResponse } from "@loupe/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

export function useUsers(projectId: string, page: number, limit: number) {
  return useQuery({
    queryKey: queryKeys.users(projectId, page, limit),
    queryFn: () => apiFetch(ZUserListResponse, `${projectApi(projectId)}/users?page=${page}&limit=${limit}`),
    placeholderData: keepPreviousData,
  });
}

export function useUser(projectId: string, userId: string, page: number, limit: number) {
  return useQuery({
    queryKey: queryKeys.user(projectId, userId, page, limit),
    queryFn: () =>
      apiFetch(ZUserDetailResponse, `${projectApi(projectId)}/users/${encodeURIComponent(userId)}?page=${page}&limit=${limit}`),
    // Keep the previous page while the next loads, but never show another user's data.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === userId ? previous : undefined),
  });
}

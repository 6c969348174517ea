"use client";

import { ZTraceListResponse } from "@loupe/contracts";
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

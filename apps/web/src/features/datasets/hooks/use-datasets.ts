"use client";

import { ZDatasetDetailResponse, ZDatasetItemPageResponse, ZDatasetListResponse } from "@loupe/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

export function useDatasets(projectId: string) {
  return useQuery({
    queryKey: queryKeys.datasets(projectId),
    queryFn: () => apiFetch(ZDatasetListResponse, `${projectApi(projectId)}/datasets`),
  });
}

export function useDataset(projectId: string, datasetId: string) {
  return useQuery({
    queryKey: queryKeys.dataset(projectId, datasetId),
    queryFn: () => apiFetch(ZDatasetDetailResponse, `${projectApi(projectId)}/datasets/${encodeURIComponent(datasetId)}`),
  });
}

export function useDatasetItems(projectId: string, datasetId: string, page: number, limit: number) {
  return useQuery({
    queryKey: queryKeys.datasetItems(projectId, datasetId, page),
    queryFn: () =>
      apiFetch(
        ZDatasetItemPageResponse,
        `${projectApi(projectId)}/datasets/${encodeURIComponent(datasetId)}/items?page=${page}&limit=${limit}`,
      ),
    placeholderData: keepPreviousData,
  });
}

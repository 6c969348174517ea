"use client";

import {
  type TAddDatasetItemBody,
  type TCreateProjectDatasetBody,
  type TDatasetImportBody,
  ZAddedDatasetItem,
  ZCreatedDataset,
  ZDatasetCompareResponse,
  ZDatasetDetailResponse,
  ZDatasetImportReport,
  ZDatasetItemPageResponse,
  ZDatasetListResponse,
} from "@loupe/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

export function useDatasets(projectId: string) {
  return useQuery({
    queryKey: queryKeys.datasets(projectId),
    queryFn: () => apiFetch(ZDatasetListResponse, `${projectApi(projectId)}/datasets`),
  });
}

/** `live`: refetch every few seconds (an experiment is adding run items). */
export function useDataset(projectId: string, datasetId: string, options: { live?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.dataset(projectId, datasetId),
    queryFn: () => apiFetch(ZDatasetDetailResponse, `${projectApi(projectId)}/datasets/${encodeURIComponent(datasetId)}`),
    refetchInterval: options.live ? 3000 : false,
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

export function useCreateDataset(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateProjectDatasetBody) =>
      apiFetch(ZCreatedDataset, `${projectApi(projectId)}/datasets`, { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.datasets(projectId) }),
  });
}

const importUrl = (projectId: string, datasetId: string) => `${projectApi(projectId)}/datasets/${encodeURIComponent(datasetId)}/import`;

/** The server's report of what importing the file with this mapping would do (nothing is written). */
export function useImportCheck(
  projectId: string,
  datasetId: string,
  body: Omit<TDatasetImportBody, "dryRun" | "skipInvalidRows"> | null,
  fileKey: string,
) {
  return useQuery({
    queryKey: [...queryKeys.dataset(projectId, datasetId), "import-check", fileKey, body?.format, body?.mapping],
    queryFn: () => apiFetch(ZDatasetImportReport, importUrl(projectId, datasetId), { method: "POST", body: { ...body, dryRun: true } }),
    enabled: body !== null,
    retry: false,
    placeholderData: keepPreviousData,
  });
}

export function useImportItems(projectId: string, datasetId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TDatasetImportBody) => apiFetch(ZDatasetImportReport, importUrl(projectId, datasetId), { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.datasets(projectId) }),
  });
}

export function useAddDatasetItem(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ datasetId, body }: { datasetId: string; body: TAddDatasetItemBody }) =>
      apiFetch(ZAddedDatasetItem, `${projectApi(projectId)}/datasets/${encodeURIComponent(datasetId)}/items`, { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.datasets(projectId) }),
  });
}

export function useDatasetCompare(projectId: string, datasetId: string, runIds: string[]) {
  return useQuery({
    queryKey: [...queryKeys.dataset(projectId, datasetId), "compare", runIds],
    enabled: runIds.length > 0,
    queryFn: () =>
      apiFetch(
        ZDatasetCompareResponse,
        `${projectApi(projectId)}/datasets/${encodeURIComponent(datasetId)}/compare?runs=${runIds.map(encodeURIComponent).join(",")}`,
      ),
  });
}

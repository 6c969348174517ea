"use client";

import {
  type TEditDatasetItemBody,
  type TStartExperimentBody,
  ZDatasetItemDetail,
  ZExperimentDetailResponse,
  ZExperimentListResponse,
  ZExperimentSummary,
  ZStartExperimentResponse,
} from "@loupe/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

const datasetApi = (projectId: string, datasetId: string) => `${projectApi(projectId)}/datasets/${encodeURIComponent(datasetId)}`;
/** Progress is polled while something runs (the worker writes it); nothing is polled once all are finished. */
const POLL_MS = 1500;

export function useExperiments(projectId: string, datasetId: string) {
  return useQuery({
    queryKey: queryKeys.datasetExperiments(projectId, datasetId),
    queryFn: () => apiFetch(ZExperimentListResponse, `${datasetApi(projectId, datasetId)}/experiments`),
    refetchInterval: (q) => (q.state.data?.data.some((e) => e.status === "RUNNING") ? POLL_MS : false),
  });
}

export function useExperiment(projectId: string, datasetId: string, experimentId: string | null) {
  return useQuery({
    queryKey: queryKeys.datasetExperiment(projectId, datasetId, experimentId ?? ""),
    queryFn: () =>
      apiFetch(ZExperimentDetailResponse, `${datasetApi(projectId, datasetId)}/experiments/${encodeURIComponent(experimentId ?? "")}`),
    enabled: experimentId !== null,
    refetchInterval: (q) => (q.state.data?.experiment.status === "RUNNING" ? POLL_MS : false),
  });
}

/** Starting or cancelling changes the runs list of the dataset too. */
function useDatasetRefresh(projectId: string, datasetId: string) {
  const client = useQueryClient();
  return () =>
    client
      .invalidateQueries({ queryKey: queryKeys.dataset(projectId, datasetId) })
      .then(() => client.invalidateQueries({ queryKey: queryKeys.datasetExperiments(projectId, datasetId) }));
}

export function useStartExperiment(projectId: string, datasetId: string) {
  const refresh = useDatasetRefresh(projectId, datasetId);
  return useMutation({
    mutationFn: (body: TStartExperimentBody) =>
      apiFetch(ZStartExperimentResponse, `${datasetApi(projectId, datasetId)}/experiments`, { method: "POST", body }),
    onSuccess: refresh,
  });
}

export function useCancelExperiment(projectId: string, datasetId: string) {
  const refresh = useDatasetRefresh(projectId, datasetId);
  return useMutation({
    mutationFn: (experimentId: string) =>
      apiFetch(ZExperimentSummary, `${datasetApi(projectId, datasetId)}/experiments/${encodeURIComponent(experimentId)}/cancel`, {
        method: "POST",
      }),
    onSuccess: refresh,
  });
}

export function useDatasetItem(projectId: string, datasetId: string, itemId: string | null) {
  return useQuery({
    queryKey: queryKeys.datasetItem(projectId, datasetId, itemId ?? ""),
    queryFn: () => apiFetch(ZDatasetItemDetail, `${datasetApi(projectId, datasetId)}/items/${encodeURIComponent(itemId ?? "")}`),
    enabled: itemId !== null,
  });
}

export function useEditDatasetItem(projectId: string, datasetId: string, itemId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TEditDatasetItemBody) =>
      apiFetch(ZDatasetItemDetail, `${datasetApi(projectId, datasetId)}/items/${encodeURIComponent(itemId)}`, { method: "PATCH", body }),
    onSuccess: (item) => {
      client.setQueryData(queryKeys.datasetItem(projectId, datasetId, itemId), item);
      return client.invalidateQueries({ queryKey: queryKeys.datasets(projectId) });
    },
  });
}

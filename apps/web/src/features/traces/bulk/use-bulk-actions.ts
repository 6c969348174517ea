"use client";

import {
  type TBulkDatasetTracesBody,
  type TBulkTagTracesBody,
  type TTraceSelection,
  ZBulkDatasetTracesResponse,
  ZBulkDeleteTracesResponse,
  ZBulkTagTracesResponse,
} from "@loupe/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

/** The traces table's bulk writes; each refreshes every traces view of the project. */
export function useBulkTraceActions(projectId: string) {
  const client = useQueryClient();
  const url = (action: string) => `${projectApi(projectId)}/bulk-traces/${action}`;
  const onSuccess = () => client.invalidateQueries({ queryKey: queryKeys.tracesAll(projectId) });
  return {
    tag: useMutation({
      mutationFn: (body: TBulkTagTracesBody) => apiFetch(ZBulkTagTracesResponse, url("tags"), { method: "POST", body }),
      onSuccess,
    }),
    addToDataset: useMutation({
      mutationFn: (body: TBulkDatasetTracesBody) => apiFetch(ZBulkDatasetTracesResponse, url("dataset"), { method: "POST", body }),
      onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.datasets(projectId) }),
    }),
    remove: useMutation({
      mutationFn: (selection: TTraceSelection) =>
        apiFetch(ZBulkDeleteTracesResponse, url("delete"), { method: "POST", body: { selection } }),
      onSuccess,
    }),
  };
}

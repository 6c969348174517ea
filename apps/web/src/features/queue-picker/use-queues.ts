"use client";

import { type TAddQueueItemsBody, ZAddQueueItemsResponse, ZQueueListResponse } from "@loupe/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

// The queue list and "add to queue": used by the annotation pages and by the traces, trace and session
// pages (which the annotate view itself renders, hence a feature of its own).

const enc = encodeURIComponent;
const queuesUrl = (projectId: string) => `${projectApi(projectId)}/annotation-queues`;

export function useQueues(projectId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.annotationQueues(projectId),
    queryFn: () => apiFetch(ZQueueListResponse, queuesUrl(projectId)),
    enabled,
  });
}

/** Every write of a queue refreshes the queue list and the queue's own views. */
export function useQueueMutation<B, R>(projectId: string, fn: (body: B) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.annotationQueues(projectId) }) });
}

export const useAddQueueItems = (projectId: string, queueId: string) =>
  useQueueMutation(projectId, (body: TAddQueueItemsBody) =>
    apiFetch(ZAddQueueItemsResponse, `${queuesUrl(projectId)}/${enc(queueId)}/items`, { method: "POST", body }),
  );

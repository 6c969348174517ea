"use client";

import {
  type TCompleteItemBody,
  type TCreateQueueBody,
  type TCreateScoreConfigBody,
  type TUpdateScoreConfigBody,
  ZCompleteItemResponse,
  ZQueueDetailResponse,
  ZQueueSummary,
  ZReviewItemResponse,
  ZScoreConfigItem,
  ZScoreConfigListResponse,
} from "@loupe/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

const enc = encodeURIComponent;
const queuesUrl = (projectId: string) => `${projectApi(projectId)}/annotation-queues`;

export function useQueue(projectId: string, queueId: string, page: number, status: string) {
  return useQuery({
    queryKey: queryKeys.annotationQueue(projectId, queueId, `${page}:${status}`),
    queryFn: () => apiFetch(ZQueueDetailResponse, `${queuesUrl(projectId)}/${enc(queueId)}?page=${page}&limit=50&status=${status}`),
    placeholderData: keepPreviousData,
  });
}

import { useQueueMutation } from "@/features/queue-picker";

export const useCreateQueue = (projectId: string) =>
  useQueueMutation(projectId, (body: TCreateQueueBody) => apiFetch(ZQueueSummary, queuesUrl(projectId), { method: "POST", body }));

export const useSetAssignees = (projectId: string, queueId: string) =>
  useQueueMutation(projectId, (userIds: string[]) =>
    apiFetch(ZQueueSummary, `${queuesUrl(projectId)}/${enc(queueId)}/assignments`, { method: "PUT", body: { userIds } }),
  );

export const useCompleteItem = (projectId: string, queueId: string) =>
  useQueueMutation(projectId, ({ itemId, ...body }: TCompleteItemBody & { itemId: string }) =>
    apiFetch(ZCompleteItemResponse, `${queuesUrl(projectId)}/${enc(queueId)}/items/${enc(itemId)}/complete`, { method: "POST", body }),
  );

export function useReviewItem(projectId: string, queueId: string, itemId: string | null) {
  return useQuery({
    queryKey: queryKeys.annotationReview(projectId, queueId, itemId ?? ""),
    queryFn: () =>
      apiFetch(
        z.object({ review: ZReviewItemResponse.nullable() }),
        `${queuesUrl(projectId)}/${enc(queueId)}/review?itemId=${enc(itemId ?? "")}`,
      ),
  });
}

export function useAllScoreConfigs(projectId: string) {
  return useQuery({
    queryKey: queryKeys.scoreConfigsAll(projectId),
    queryFn: () => apiFetch(ZScoreConfigListResponse, `${projectApi(projectId)}/score-configs?archived=include`),
  });
}

export function useScoreConfigWrites(projectId: string) {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: queryKeys.scoreConfigs(projectId) });
  const create = useMutation({
    mutationFn: (body: TCreateScoreConfigBody) =>
      apiFetch(ZScoreConfigItem, `${projectApi(projectId)}/score-configs`, { method: "POST", body }),
    onSuccess,
  });
  const update = useMutation({
    mutationFn: ({ id, ...body }: TUpdateScoreConfigBody & { id: string }) =>
      apiFetch(ZScoreConfigItem, `${projectApi(projectId)}/score-configs/${enc(id)}`, { method: "PATCH", body }),
    onSuccess,
  });
  return { create, update };
}

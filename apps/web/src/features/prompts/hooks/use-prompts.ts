"use client";

import {
  type TCreatePromptBody,
  type TPromptListQuery,
  ZLabelRequest,
  ZLabelRequestsResponse,
  ZPrompt,
  ZPromptDetail,
  ZPromptGenerationsResponse,
  ZPromptListResponse,
  ZPromptMetricsResponse,
} from "@loupe/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

const promptApi = (projectId: string, name: string) => `${projectApi(projectId)}/prompts/${encodeURIComponent(name)}`;

export function usePromptList(projectId: string, filter: TPromptListQuery) {
  const params = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])));
  const view = params.toString();
  return useQuery({
    queryKey: queryKeys.prompts(projectId, view),
    queryFn: () => apiFetch(ZPromptListResponse, `${projectApi(projectId)}/prompts${view ? `?${view}` : ""}`),
    placeholderData: keepPreviousData,
  });
}

export function usePromptDetail(projectId: string, name: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.prompt(projectId, name),
    queryFn: () => apiFetch(ZPromptDetail, promptApi(projectId, name)),
    enabled,
  });
}

/** Per-version metrics of the prompt's generations in the last `days` days. */
export function usePromptMetrics(projectId: string, name: string, days: number) {
  return useQuery({
    queryKey: queryKeys.promptMetrics(projectId, name, days),
    queryFn: () => apiFetch(ZPromptMetricsResponse, `${promptApi(projectId, name)}/metrics?days=${days}`),
  });
}

export function usePromptGenerations(projectId: string, name: string, version: number) {
  return useQuery({
    queryKey: queryKeys.promptGenerations(projectId, name, version),
    queryFn: () => apiFetch(ZPromptGenerationsResponse, `${promptApi(projectId, name)}/versions/${version}/generations`),
  });
}

export function usePendingReleases(projectId: string) {
  return useQuery({
    queryKey: queryKeys.promptRequests(projectId),
    queryFn: () => apiFetch(ZLabelRequestsResponse, `${projectApi(projectId)}/prompt-label-requests?status=PENDING`),
  });
}

/** Writes refresh every prompt query of the project: a label move changes the list, the detail and the requests. */
function usePromptMutation<A, R>(projectId: string, write: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.promptsAll(projectId) }) });
}

export const useCreateVersion = (projectId: string) =>
  usePromptMutation(projectId, (body: TCreatePromptBody) =>
    apiFetch(ZPrompt, `${projectApi(projectId)}/prompts`, { method: "POST", body }),
  );

export const useMoveLabels = (projectId: string, name: string) =>
  usePromptMutation(projectId, ({ version, labels }: { version: number; labels: string[] }) =>
    apiFetch(ZPrompt, `${promptApi(projectId, name)}/versions/${version}`, { method: "PATCH", body: { newLabels: labels } }),
  );

export const useRequestMove = (projectId: string, name: string) =>
  usePromptMutation(projectId, (body: { version: number; label: string; comment?: string }) =>
    apiFetch(ZLabelRequest, `${promptApi(projectId, name)}/label-requests`, { method: "POST", body }),
  );

export const useDecideRequest = (projectId: string) =>
  usePromptMutation(projectId, ({ id, decision }: { id: string; decision: "approve" | "reject" }) =>
    apiFetch(ZLabelRequest, `${projectApi(projectId)}/prompt-label-requests/${encodeURIComponent(id)}`, {
      method: "POST",
      body: { decision },
    }),
  );

"use client";

import { type TCreateModelBody, ZModelMatchResponse, ZModelPriceList, ZPublicModel } from "@loupe/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

const modelsUrl = (projectId: string) => `${projectApi(projectId)}/models`;

export function useModelPrices(projectId: string) {
  return useQuery({ queryKey: queryKeys.modelPrices(projectId), queryFn: () => apiFetch(ZModelPriceList, modelsUrl(projectId)) });
}

/** Which model a name matches; asked only for a non-empty name. */
export function useModelMatch(projectId: string, modelName: string) {
  const name = modelName.trim();
  return useQuery({
    queryKey: queryKeys.modelMatch(projectId, name),
    queryFn: () => apiFetch(ZModelMatchResponse, `${projectApi(projectId)}/model-match?modelName=${encodeURIComponent(name)}`),
    enabled: name.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** Create (no id) or replace (an id) a project model, and delete one; each refreshes the list and the matches. */
export function useModelWrites(projectId: string) {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: queryKeys.modelPricesAll(projectId) });
  return {
    save: useMutation({
      mutationFn: ({ id, body }: { id?: string; body: TCreateModelBody }) =>
        apiFetch(ZPublicModel, id ? `${modelsUrl(projectId)}/${encodeURIComponent(id)}` : modelsUrl(projectId), {
          method: id ? "PUT" : "POST",
          body,
        }),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (id: string) => apiFetch(z.undefined(), `${modelsUrl(projectId)}/${encodeURIComponent(id)}`, { method: "DELETE" }),
      onSuccess,
    }),
  };
}

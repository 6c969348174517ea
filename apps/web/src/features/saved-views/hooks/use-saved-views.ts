"use client";

import { type SavedViewTable, type TCreateSavedViewBody, type TUpdateSavedViewBody, ZSavedView, ZSavedViewList } from "@loupe/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

const viewsUrl = (projectId: string) => `${projectApi(projectId)}/saved-views`;

export function useSavedViews(projectId: string, table: SavedViewTable) {
  return useQuery({
    queryKey: queryKeys.savedViews(projectId, table),
    queryFn: () => apiFetch(ZSavedViewList, `${viewsUrl(projectId)}?table=${table}`),
  });
}

/** Create, change and delete a table's views; each refreshes the table's list of views. */
export function useSavedViewMutations(projectId: string, table: SavedViewTable) {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: queryKeys.savedViews(projectId, table) });
  const one = (id: string) => `${viewsUrl(projectId)}/${encodeURIComponent(id)}`;
  return {
    create: useMutation({
      mutationFn: (body: Omit<TCreateSavedViewBody, "table">) =>
        apiFetch(ZSavedView, viewsUrl(projectId), { method: "POST", body: { ...body, table } }),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: TUpdateSavedViewBody }) => apiFetch(ZSavedView, one(id), { method: "PATCH", body }),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (id: string) => apiFetch(z.undefined(), one(id), { method: "DELETE" }),
      onSuccess,
    }),
  };
}

"use client";

import { type CommentObjectType, ZCommentListResponse, ZCommentRow } from "@loupe/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

export function useComments(projectId: string, objectType: CommentObjectType, objectId: string) {
  return useQuery({
    queryKey: queryKeys.comments(projectId, objectType, objectId),
    queryFn: () =>
      apiFetch(ZCommentListResponse, `${projectApi(projectId)}/comments?objectType=${objectType}&objectId=${encodeURIComponent(objectId)}`),
  });
}

export function useCommentWrites(projectId: string, objectType: CommentObjectType, objectId: string) {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: queryKeys.comments(projectId, objectType, objectId) });
  const add = useMutation({
    mutationFn: (content: string) =>
      apiFetch(ZCommentRow, `${projectApi(projectId)}/comments`, { method: "POST", body: { objectType, objectId, content } }),
    onSuccess,
  });
  const remove = useMutation({
    mutationFn: (commentId: string) =>
      apiFetch(z.object({ id: z.string() }), `${projectApi(projectId)}/comments/${encodeURIComponent(commentId)}`, { method: "DELETE" }),
    onSuccess,
  });
  return { add, remove };
}

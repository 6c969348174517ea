"use client";

import { type TCreateApiKeyBody, ZApiKeySummaries, ZCreatedApiKey } from "@loupe/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { z } from "zod";
import { apiFetch } from "@/lib/client/api-client";

/**
 * A key list's data and its create/revoke mutations, for project keys and organization keys alike:
 * `url` is the list's collection route, `queryKey` its cache entry.
 */
export function useApiKeys(url: string, queryKey: readonly unknown[]) {
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const invalidate = () => queryClient.invalidateQueries({ queryKey });
  const keys = useQuery({ queryKey, queryFn: () => apiFetch(ZApiKeySummaries, url) });
  const create = useMutation({
    mutationFn: (body: TCreateApiKeyBody) => apiFetch(ZCreatedApiKey, url, { method: "POST", body }),
    onSuccess: () => {
      setCreating(false);
      return invalidate();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(z.undefined(), `${url}/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
  return { keys, create, revoke, creating, setCreating, invalidate };
}

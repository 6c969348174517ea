"use client";

import { ZPlaygroundConnection } from "@loupe/contracts";
import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

export const llmConnectionsUrl = (projectId: string) => `${projectApi(projectId)}/llm-connections`;

/** The project's connections (keys masked) with the models each offers. */
export function useLlmConnections(projectId: string) {
  return useQuery({
    queryKey: queryKeys.llmConnections(projectId),
    queryFn: () => apiFetch(z.array(ZPlaygroundConnection), llmConnectionsUrl(projectId)),
  });
}

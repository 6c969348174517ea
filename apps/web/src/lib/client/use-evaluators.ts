"use client";

import { ZEvaluatorListResponse } from "@loupe/contracts";
import { useQuery } from "@tanstack/react-query";
import { apiFetch, projectApi } from "./api-client";
import { queryKeys } from "./query-keys";

// Here rather than in features/evaluations: the datasets feature's experiment dialog lists evaluators, and
// importing the evaluations feature from datasets closes a cycle (evaluations → traces → datasets).
export const evaluationsApi = (projectId: string) => `${projectApi(projectId)}/evaluations`;

export function useEvaluators(projectId: string) {
  return useQuery({
    queryKey: queryKeys.evaluators(projectId),
    queryFn: () => apiFetch(ZEvaluatorListResponse, `${evaluationsApi(projectId)}/evaluators`),
  });
}

"use client";

import { ZEvalExecutionsResponse, ZEvalRule, ZEvalRuleListResponse, ZEvaluator, ZLibraryTemplate } from "@loupe/contracts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiFetch } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

import { evaluationsApi } from "@/lib/client/use-evaluators";

export { evaluationsApi, useEvaluators } from "@/lib/client/use-evaluators";

export function useEvaluator(projectId: string, evaluatorId: string | null) {
  return useQuery({
    queryKey: [...queryKeys.evaluators(projectId), evaluatorId],
    queryFn: () => apiFetch(ZEvaluator, `${evaluationsApi(projectId)}/evaluators/${encodeURIComponent(evaluatorId ?? "")}`),
    enabled: evaluatorId !== null,
  });
}

export function useEvaluatorLibrary(projectId: string) {
  return useQuery({
    queryKey: ["evaluator-library"],
    queryFn: () => apiFetch(z.object({ data: z.array(ZLibraryTemplate) }), `${evaluationsApi(projectId)}/evaluators/library`),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useRules(projectId: string) {
  return useQuery({
    queryKey: queryKeys.evaluationRules(projectId),
    queryFn: () => apiFetch(ZEvalRuleListResponse, `${evaluationsApi(projectId)}/rules`),
  });
}

export function useRule(projectId: string, ruleId: string | null, options: { live?: boolean } = {}) {
  return useQuery({
    queryKey: [...queryKeys.evaluationRules(projectId), ruleId],
    queryFn: () => apiFetch(ZEvalRule, `${evaluationsApi(projectId)}/rules/${encodeURIComponent(ruleId ?? "")}`),
    enabled: ruleId !== null,
    refetchInterval: options.live ? 3000 : false,
  });
}

export function useExecutions(projectId: string, ruleId: string, status: string, page: number) {
  return useQuery({
    queryKey: [...queryKeys.evaluationRules(projectId), ruleId, "executions", status, page],
    queryFn: () =>
      apiFetch(
        ZEvalExecutionsResponse,
        `${evaluationsApi(projectId)}/rules/${encodeURIComponent(ruleId)}/executions?${new URLSearchParams({ status, page: String(page) })}`,
      ),
    // The log fills as the worker judges: keep it fresh while the page is open.
    refetchInterval: 3000,
  });
}

export function useInvalidateEvaluations(projectId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.evaluators(projectId) }),
      client.invalidateQueries({ queryKey: queryKeys.evaluationRules(projectId) }),
    ]);
}

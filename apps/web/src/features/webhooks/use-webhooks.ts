"use client";

import { ZWebhook, ZWebhookDeliveriesResponse } from "@loupe/contracts";
import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

export const webhooksUrl = (projectId: string) => `${projectApi(projectId)}/webhooks`;
export const webhookUrl = (projectId: string, webhookId: string) => `${webhooksUrl(projectId)}/${encodeURIComponent(webhookId)}`;

export function useWebhooks(projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.webhooks(projectId),
    queryFn: () => apiFetch(z.array(ZWebhook), webhooksUrl(projectId)),
    enabled,
    // Each row shows its last delivery: follow it while one is in flight, and now and then for new events.
    refetchInterval: (query) =>
      query.state.data?.some((h) => h.lastDelivery?.status === "pending" || h.lastDelivery?.status === "retrying") ? 1500 : 10_000,
  });
}

/** A webhook's delivery log: polled, fast while a delivery is being sent or retried, so new events show up by themselves. */
export function useWebhookDeliveries(projectId: string, webhookId: string, page: number) {
  return useQuery({
    queryKey: queryKeys.webhookDeliveries(projectId, webhookId, page),
    queryFn: () => apiFetch(ZWebhookDeliveriesResponse, `${webhookUrl(projectId, webhookId)}/deliveries?page=${page}&limit=20`),
    refetchInterval: (query) => (query.state.data?.data.some((d) => d.status === "pending" || d.status === "retrying") ? 1500 : 5000),
  });
}

"use client";

import type { TWebhookDelivery, WebhookDeliveryStatus } from "@loupe/contracts";
import { ZWebhookDelivery } from "@loupe/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ChevronDown, ChevronRight, RotateCw, Send } from "lucide-react";
import { Fragment, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonRows } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { apiFetch } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";
import { formatDuration } from "@/lib/shared/format";
import { useWebhookDeliveries, webhookUrl } from "./use-webhooks";

export const DELIVERY_STATUS_TONE = {
  pending: "neutral",
  retrying: "warning",
  succeeded: "accent",
  failed: "danger",
} as const satisfies Record<WebhookDeliveryStatus, "neutral" | "warning" | "accent" | "danger">;

function DeliveryRow({ delivery, onRedeliver, busy }: { delivery: TWebhookDelivery; onRedeliver: () => void; busy: boolean }) {
  const [open, setOpen] = useState(false);
  const done = delivery.status === "succeeded" || delivery.status === "failed";
  return (
    <Fragment>
      <tr className="h-9 border-t" data-testid="webhook-delivery-row">
        <td className="px-2">
          <button
            type="button"
            className="rounded p-1 hover:bg-muted"
            aria-label={open ? "Hide the event" : "Show the event"}
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {open ? <ChevronDown className="h-3.5 w-3.5" /> : <ChevronRight className="h-3.5 w-3.5" />}
          </button>
        </td>
        <td className="px-2">
          <Badge tone={DELIVERY_STATUS_TONE[delivery.status]}>{delivery.status}</Badge>
        </td>
        <td className="max-w-56 truncate px-2 font-mono text-xs whitespace-nowrap" title={delivery.eventType}>
          {delivery.eventType}
          {delivery.redeliveryOf ? <span className="ml-1.5 font-sans text-muted-foreground">(redelivery)</span> : null}
        </td>
        <td className="px-2 text-right font-mono text-xs tabular-nums">
          {delivery.attempts} / {delivery.maxAttempts}
        </td>
        <td className="px-2 text-right font-mono text-xs tabular-nums">{delivery.responseStatus ?? "—"}</td>
        <td className="px-2 text-right font-mono text-xs tabular-nums">
          {delivery.latencyMs === null ? "—" : formatDuration(delivery.latencyMs)}
        </td>
        <td className="max-w-72 truncate px-2 text-xs text-muted-foreground max-[1100px]:max-w-44" title={delivery.lastError ?? undefined}>
          {delivery.lastError ?? ""}
        </td>
        <td className="px-2 text-xs whitespace-nowrap text-muted-foreground">
          <RelativeTime iso={delivery.createdAt} />
        </td>
        <td className="px-2 text-right">
          <Button
            variant="ghost"
            size="sm"
            disabled={!done || busy}
            onClick={onRedeliver}
            title={done ? "Send this event again" : "Still being sent"}
          >
            <RotateCw className="h-3.5 w-3.5" /> <span className="max-[1100px]:sr-only">Redeliver</span>
          </Button>
        </td>
      </tr>
      {open ? (
        <tr className="border-t bg-panel">
          <td />
          <td colSpan={8} className="px-2 py-2">
            <p className="mb-1 text-xs text-muted-foreground">
              Event <span className="font-mono">{delivery.eventId}</span> · delivery <span className="font-mono">{delivery.id}</span>
            </p>
            <pre className="max-h-64 overflow-auto rounded-md border bg-background p-2 font-mono text-xs">
              {JSON.stringify(delivery.payload, null, 2)}
            </pre>
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

/** The delivery log of one webhook: newest first, 20 a page, refreshed while deliveries are in flight. */
export function DeliveryLog({ projectId, webhookId, onSendTest }: { projectId: string; webhookId: string; onSendTest: () => void }) {
  const [page, setPage] = useState(1);
  const deliveries = useWebhookDeliveries(projectId, webhookId, page);
  const queryClient = useQueryClient();
  const redeliver = useMutation({
    mutationFn: (deliveryId: string) =>
      apiFetch(ZWebhookDelivery, `${webhookUrl(projectId, webhookId)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, {
        method: "POST",
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooksAll(projectId) }),
  });

  if (deliveries.isError) {
    return <ErrorState title="Could not load deliveries" error={deliveries.error} onRetry={() => deliveries.refetch()} />;
  }
  const meta = deliveries.data?.meta;
  if (deliveries.data?.data.length === 0) {
    return (
      <EmptyState icon={<Send className="h-6 w-6 text-accent" />} title="No deliveries yet">
        <p>Each prompt change this webhook listens to appears here with its status, attempts, response code and latency.</p>
        <Button className="mt-3" size="sm" variant="secondary" onClick={onSendTest}>
          <Send className="h-3.5 w-3.5" /> Send test event
        </Button>
      </EmptyState>
    );
  }
  return (
    <div className="space-y-2">
      {redeliver.isError ? <ErrorState title="Could not redeliver" message={redeliver.error.message} /> : null}
      <div className="overflow-x-auto rounded-lg border">
        <table className="w-full min-w-[680px] text-[13px]" aria-label="Deliveries">
          <thead className="bg-panel text-xs text-muted-foreground">
            <tr>
              <th className="h-8 w-8 px-2" />
              <th className="h-8 px-2 text-left font-medium">Status</th>
              <th className="h-8 px-2 text-left font-medium">Event</th>
              <th className="h-8 px-2 text-right font-medium">Attempts</th>
              <th className="h-8 px-2 text-right font-medium">Response</th>
              <th className="h-8 px-2 text-right font-medium">Latency</th>
              <th className="h-8 px-2 text-left font-medium">Last error</th>
              <th className="h-8 px-2 text-left font-medium">Created</th>
              <th className="h-8 px-2" />
            </tr>
          </thead>
          <tbody>
            {deliveries.isPending ? (
              <SkeletonRows columns={9} />
            ) : (
              deliveries.data.data.map((d) => (
                <DeliveryRow key={d.id} delivery={d} busy={redeliver.isPending} onRedeliver={() => redeliver.mutate(d.id)} />
              ))
            )}
          </tbody>
        </table>
      </div>
      {meta && meta.totalPages > 1 ? (
        <div className="flex items-center justify-end gap-2 text-xs text-muted-foreground">
          <span className="tabular-nums">
            {meta.totalItems.toLocaleString()} deliveries · page {meta.page} of {meta.totalPages}
          </span>
          <Button size="sm" variant="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous
          </Button>
          <Button size="sm" variant="secondary" disabled={page >= meta.totalPages} onClick={() => setPage(page + 1)}>
            Next
          </Button>
        </div>
      ) : null}
    </div>
  );
}

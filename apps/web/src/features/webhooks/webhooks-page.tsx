"use client";

import {
  type TCreatedWebhook,
  type TWebhook,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_FORMAT_LABELS,
  ZCreatedWebhook,
  ZWebhook,
  ZWebhookDelivery,
} from "@loupe/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Pencil, Plus, Send, Trash2, Webhook } from "lucide-react";
import { useState } from "react";
import { z } from "zod";
import { PageHeader } from "@/components/layout/app-shell";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { SkeletonRows } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { apiFetch } from "@/lib/client/api-client";
import { useHasRole } from "@/lib/client/project-role";
import { queryKeys } from "@/lib/client/query-keys";
import { cn } from "@/lib/shared/cn";
import { DELIVERY_STATUS_TONE, DeliveryLog } from "./delivery-log";
import { useWebhooks, webhooksUrl, webhookUrl } from "./use-webhooks";
import { WebhookForm } from "./webhook-form";

function SecretReveal({ created }: { created: TCreatedWebhook }) {
  return (
    <div role="status" className="space-y-2 rounded-lg border border-accent/40 bg-accent-soft p-4">
      <p className="text-sm font-medium">Copy the signing secret of “{created.name}” now: it is shown only once.</p>
      <div className="relative">
        <pre data-testid="new-webhook-secret" className="overflow-x-auto rounded-md border bg-background p-3 pr-10 font-mono text-xs">
          {created.secret}
        </pre>
        <CopyButton value={created.secret} label="Copy secret" className="absolute top-2 right-2" />
      </div>
      <p className="text-xs text-muted-foreground">
        Each request carries <span className="font-mono">X-Loupe-Signature: t=…,v1=…</span>: the hex HMAC-SHA256 of{" "}
        <span className="font-mono">{"<t>.<raw body>"}</span> with this secret. The README shows how to check it.
      </p>
    </div>
  );
}

function WebhookRow({
  hook,
  selected,
  onSelect,
  onEdit,
  onTest,
  onToggle,
  onDelete,
  busy,
}: {
  hook: TWebhook;
  selected: boolean;
  onSelect: () => void;
  onEdit: () => void;
  onTest: () => void;
  onToggle: () => void;
  onDelete: () => void;
  busy: boolean;
}) {
  return (
    <tr
      className={cn("h-10 cursor-pointer border-t hover:bg-muted/50", selected && "bg-accent-soft/40")}
      data-testid="webhook-row"
      aria-selected={selected}
      onClick={onSelect}
    >
      <td className="max-w-48 truncate px-3 font-medium" title={hook.name}>
        {hook.name}
      </td>
      <td className="max-w-64 truncate px-3 font-mono text-xs text-muted-foreground max-[1100px]:max-w-40" title={hook.url}>
        {hook.url}
      </td>
      <td className="px-3">
        <Badge title={WEBHOOK_FORMAT_LABELS[hook.format]}>{hook.format === "slack" ? "Slack" : "JSON"}</Badge>
      </td>
      <td className="px-3 text-xs whitespace-nowrap text-muted-foreground" title={hook.events.join(", ")}>
        {hook.events.length === WEBHOOK_EVENT_TYPES.length ? "all prompt events" : `${hook.events.length} of ${WEBHOOK_EVENT_TYPES.length}`}
      </td>
      <td className="px-3">
        {hook.enabled ? (
          <Badge tone={hook.lastDelivery ? DELIVERY_STATUS_TONE[hook.lastDelivery.status] : "accent"}>
            {hook.lastDelivery ? `last: ${hook.lastDelivery.status}` : "enabled"}
          </Badge>
        ) : (
          <Badge tone="warning">disabled</Badge>
        )}
      </td>
      {/* Buttons act on the row without selecting it twice. */}
      <td className="px-3 text-right whitespace-nowrap" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
        <Button variant="ghost" size="sm" disabled={busy || !hook.enabled} onClick={onTest}>
          <Send className="h-3.5 w-3.5" /> <span className="max-[1100px]:sr-only">Send test event</span>
        </Button>
        <Button variant="ghost" size="sm" disabled={busy} onClick={onToggle}>
          {hook.enabled ? "Disable" : "Enable"}
        </Button>
        <Button variant="ghost" size="sm" aria-label={`Edit ${hook.name}`} onClick={onEdit}>
          <Pencil className="h-3.5 w-3.5" />
        </Button>
        <Button variant="ghost" size="sm" aria-label={`Delete ${hook.name}`} disabled={busy} onClick={onDelete}>
          <Trash2 className="h-3.5 w-3.5 text-danger" />
        </Button>
      </td>
    </tr>
  );
}

export function WebhooksPage({ projectId }: { projectId: string }) {
  const canManage = useHasRole("ADMIN");
  const hooks = useWebhooks(projectId, canManage);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<TWebhook | "new" | null>(null);
  const [created, setCreated] = useState<TCreatedWebhook | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooksAll(projectId) });
  const act = useMutation({
    mutationFn: async ({ hook, action }: { hook: TWebhook; action: "test" | "toggle" | "delete" }) => {
      const url = webhookUrl(projectId, hook.id);
      if (action === "test") return apiFetch(ZWebhookDelivery, `${url}/test`, { method: "POST" });
      if (action === "toggle") return apiFetch(ZWebhook, url, { method: "PATCH", body: { enabled: !hook.enabled } });
      return apiFetch(z.undefined(), url, { method: "DELETE" });
    },
    onSuccess: (_data, { hook, action }) => {
      if (action === "test") setSelectedId(hook.id);
      return refresh();
    },
  });
  const save = async (body: unknown) => {
    if (editing === "new") {
      const saved = await apiFetch(ZCreatedWebhook, webhooksUrl(projectId), { method: "POST", body });
      setCreated(saved);
      setSelectedId(saved.id);
    } else if (editing) await apiFetch(ZWebhook, webhookUrl(projectId, editing.id), { method: "PATCH", body });
    await refresh();
    setEditing(null);
  };
  const list = hooks.data ?? [];
  const selected = list.find((h) => h.id === selectedId) ?? list[0] ?? null;

  return (
    <div>
      <PageHeader
        title="Webhooks"
        description="Tell other systems when a prompt changes: a new version, a label moved (release or rollback), a prompt deleted."
        actions={
          canManage ? (
            <Button size="sm" onClick={() => setEditing("new")} disabled={editing === "new"}>
              <Plus className="h-3.5 w-3.5" /> Add webhook
            </Button>
          ) : null
        }
      />
      <div className="max-w-6xl space-y-4 p-5">
        {!canManage ? (
          <EmptyState icon={<Webhook className="h-6 w-6 text-accent" />} title="Only project admins manage webhooks">
            <p>Webhook URLs can carry tokens (Slack's do), so only ADMIN and OWNER members see and change them.</p>
          </EmptyState>
        ) : null}
        {editing ? (
          <WebhookForm
            key={editing === "new" ? "new" : editing.id}
            existing={editing === "new" ? null : editing}
            onSubmit={save}
            onCancel={() => setEditing(null)}
          />
        ) : null}
        {created ? <SecretReveal created={created} /> : null}
        {act.isError ? <ErrorState title="Could not update the webhook" message={act.error.message} /> : null}
        {!canManage ? null : hooks.isError ? (
          <ErrorState title="Could not load webhooks" error={hooks.error} onRetry={() => hooks.refetch()} />
        ) : hooks.data?.length === 0 && editing === null ? (
          <EmptyState icon={<Webhook className="h-6 w-6 text-accent" />} title="No webhooks yet">
            <p>
              Add a URL to receive a signed JSON event (or a Slack message) whenever a prompt version is created, a label such as{" "}
              <span className="font-mono">production</span> moves, or a prompt is deleted. Failed deliveries are retried for about ten
              minutes and logged here.
            </p>
          </EmptyState>
        ) : hooks.data?.length === 0 ? null : (
          <div className="overflow-x-auto rounded-lg border">
            <table className="w-full min-w-[680px] text-[13px]" aria-label="Webhooks">
              <thead className="bg-panel text-xs text-muted-foreground">
                <tr>
                  <th className="h-8 px-3 text-left font-medium">Name</th>
                  <th className="h-8 px-3 text-left font-medium">URL</th>
                  <th className="h-8 px-3 text-left font-medium">Format</th>
                  <th className="h-8 px-3 text-left font-medium">Events</th>
                  <th className="h-8 px-3 text-left font-medium">Status</th>
                  <th className="h-8 px-3" />
                </tr>
              </thead>
              <tbody>
                {hooks.isPending ? (
                  <SkeletonRows columns={6} />
                ) : (
                  list.map((hook) => (
                    <WebhookRow
                      key={hook.id}
                      hook={hook}
                      selected={hook.id === selected?.id}
                      busy={act.isPending}
                      onSelect={() => setSelectedId(hook.id)}
                      onEdit={() => setEditing(hook)}
                      onTest={() => act.mutate({ hook, action: "test" })}
                      onToggle={() => act.mutate({ hook, action: "toggle" })}
                      onDelete={() => {
                        if (window.confirm(`Delete ${hook.name}? Its delivery log is deleted with it.`))
                          act.mutate({ hook, action: "delete" });
                      }}
                    />
                  ))
                )}
              </tbody>
            </table>
          </div>
        )}
        {canManage && selected ? (
          <section className="space-y-2">
            <h2 className="text-sm font-semibold">
              Deliveries <span className="font-normal text-muted-foreground">· {selected.name}</span>
            </h2>
            <DeliveryLog projectId={projectId} webhookId={selected.id} onSendTest={() => act.mutate({ hook: selected, action: "test" })} />
          </section>
        ) : null}
      </div>
    </div>
  );
}

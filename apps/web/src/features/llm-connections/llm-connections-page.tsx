"use client";

import { LLM_ADAPTER_LABELS, type LlmAdapter, type TPlaygroundConnection, ZLlmConnection } from "@loupe/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Pencil, PlugZap, Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { z } from "zod";
import { PageHeader } from "@/components/layout/app-shell";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SimpleTable } from "@/components/ui/simple-table";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { apiFetch } from "@/lib/client/api-client";
import { formatRelative } from "@/lib/shared/format";
import { useHasRole } from "@/lib/client/project-role";
import { queryKeys } from "@/lib/client/query-keys";
import { projectRoutes } from "@/lib/shared/routes";
import { ConnectionForm } from "./connection-form";
import { llmConnectionsUrl, useLlmConnections } from "./use-llm-connections";

export function LlmConnectionsPage({ projectId }: { projectId: string }) {
  const connections = useLlmConnections(projectId);
  const queryClient = useQueryClient();
  const canManage = useHasRole("ADMIN");
  const [editing, setEditing] = useState<TPlaygroundConnection | "new" | null>(null);
  const url = llmConnectionsUrl(projectId);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.llmConnections(projectId) });
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch(z.undefined(), `${url}/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
  const save = async (body: unknown) => {
    if (editing === "new") await apiFetch(ZLlmConnection, url, { method: "POST", body });
    else if (editing) await apiFetch(ZLlmConnection, `${url}/${encodeURIComponent(editing.id)}`, { method: "PATCH", body });
    await refresh();
    setEditing(null);
  };

  return (
    <div>
      <PageHeader
        title="LLM connections"
        description="Model providers the playground (and evaluations) call. Keys are encrypted at rest and never shown again."
        actions={
          canManage ? (
            <Button size="sm" onClick={() => setEditing("new")} disabled={editing === "new"}>
              <Plus className="h-3.5 w-3.5" /> Add connection
            </Button>
          ) : null
        }
      />
      <div className="max-w-5xl space-y-4 p-5">
        {editing ? (
          <ConnectionForm
            key={editing === "new" ? "new" : editing.id}
            existing={editing === "new" ? null : editing}
            onSubmit={save}
            onCancel={() => setEditing(null)}
          />
        ) : null}
        {remove.isError ? <ErrorState title="Could not delete the connection" message={remove.error.message} /> : null}
        {connections.isError ? (
          <ErrorState title="Could not load LLM connections" error={connections.error} onRetry={() => connections.refetch()} />
        ) : connections.data?.length === 0 && editing === null ? (
          <EmptyState icon={<PlugZap className="h-6 w-6 text-accent" />} title="No LLM connections yet">
            <p>
              Add a key for OpenAI, Azure OpenAI, Anthropic, Google Gemini or any OpenAI-compatible server to run prompts in the{" "}
              <Link className="text-accent underline-offset-2 hover:underline" href={projectRoutes(projectId).playground()}>
                playground
              </Link>
              .
            </p>
            <p className="mt-1">
              {canManage ? "The key is encrypted with this instance's LOUPE_ENCRYPTION_KEY." : "Only project admins can add connections."}
            </p>
          </EmptyState>
        ) : connections.data?.length === 0 ? null : (
          <SimpleTable
            minWidth="min-w-[640px]"
            pending={connections.isPending}
            columns={[
              { header: "Name" },
              { header: "Provider" },
              { header: "Key" },
              { header: "Base URL" },
              { header: "Models", numeric: true },
              { header: "Updated" },
              ...(canManage ? [{ header: "" }] : []),
            ]}
          >
            {connections.data?.map((c) => (
              <tr key={c.id} className="h-9 border-t" data-testid="llm-connection-row">
                <td className="max-w-48 truncate px-3 font-medium" title={c.provider}>
                  {c.provider}
                </td>
                <td className="px-3">
                  <Badge>{LLM_ADAPTER_LABELS[c.adapter as LlmAdapter] ?? c.adapter}</Badge>
                </td>
                <td className="px-3 font-mono text-xs text-muted-foreground">{c.displaySecretKey}</td>
                <td className="max-w-64 truncate px-3 font-mono text-xs text-muted-foreground" title={c.baseURL ?? "provider default"}>
                  {c.baseURL ?? "default"}
                </td>
                <td className="px-3 text-right font-mono text-xs tabular-nums" title={c.models.join(", ")}>
                  {c.models.length}
                </td>
                <td className="px-3 text-xs text-muted-foreground">{formatRelative(c.updatedAt)}</td>
                {canManage ? (
                  <td className="px-3 text-right whitespace-nowrap">
                    <Button variant="ghost" size="sm" aria-label={`Edit ${c.provider}`} onClick={() => setEditing(c)}>
                      <Pencil className="h-3.5 w-3.5" />
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Delete ${c.provider}`}
                      disabled={remove.isPending}
                      onClick={() => {
                        if (window.confirm(`Delete ${c.provider}? The playground and evaluations using it stop working.`))
                          remove.mutate(c.id);
                      }}
                    >
                      <Trash2 className="h-3.5 w-3.5 text-danger" />
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </SimpleTable>
        )}
      </div>
    </div>
  );
}

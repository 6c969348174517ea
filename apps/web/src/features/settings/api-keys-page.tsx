"use client";

import { ZApiKeySummary, ZCreatedApiKey, type TCreatedApiKey } from "@loupe/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, Plus } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { z } from "zod";
import { PageHeader } from "@/components/layout/app-shell";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { SkeletonRows } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { apiFetch } from "@/lib/client/api-client";
import { formatRelative } from "@/lib/shared/format";
import { queryKeys } from "@/lib/client/query-keys";
import { useOrigin } from "@/lib/client/use-origin";

function SecretReveal({ created, origin }: { created: TCreatedApiKey; origin: string }) {
  const env = `LANGFUSE_SECRET_KEY="${created.secretKey}"\nLANGFUSE_PUBLIC_KEY="${created.publicKey}"\nLANGFUSE_BASE_URL="${origin}"`;
  return (
    <div role="status" className="space-y-2 rounded-lg border border-accent/40 bg-accent-soft p-4">
      <p className="text-sm font-medium">Copy the secret key now: it is shown only once.</p>
      <div className="relative">
        <pre data-testid="new-api-key" className="overflow-x-auto rounded-md border bg-background p-3 pr-10 font-mono text-xs">
          {env}
        </pre>
        <CopyButton value={env} label="Copy keys" className="absolute top-2 right-2" />
      </div>
    </div>
  );
}

function Keys({ projectId }: { projectId: string }) {
  const welcome = useSearchParams().get("welcome") === "1";
  const queryClient = useQueryClient();
  const origin = useOrigin();
  const url = `/api/internal/projects/${encodeURIComponent(projectId)}/api-keys`;
  const keys = useQuery({ queryKey: queryKeys.apiKeys(projectId), queryFn: () => apiFetch(z.array(ZApiKeySummary), url) });
  const create = useMutation({
    mutationFn: () => apiFetch(ZCreatedApiKey, url, { method: "POST", body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(projectId) }),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(z.undefined(), `${url}/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(projectId) }),
  });

  return (
    <div>
      <PageHeader
        title="API keys"
        description="Keys let SDKs and OpenTelemetry exporters send traces to this project."
        actions={
          <Button size="sm" onClick={() => create.mutate()} disabled={create.isPending}>
            <Plus className="h-3.5 w-3.5" /> Create API key
          </Button>
        }
      />
      <div className="max-w-4xl space-y-4 p-5">
        {welcome && !create.data ? (
          <p className="rounded-lg border bg-panel p-4 text-sm">
            Your project is ready. Create an API key, then point a Langfuse SDK or an OpenTelemetry exporter at{" "}
            <span className="font-mono">{origin}</span>.
          </p>
        ) : null}
        {create.data ? <SecretReveal created={create.data} origin={origin} /> : null}
        {create.isError ? <ErrorState title="Could not create a key" message={create.error.message} /> : null}
        {keys.isError ? (
          <ErrorState title="Could not load API keys" error={keys.error} onRetry={() => keys.refetch()} />
        ) : keys.data?.length === 0 ? (
          <EmptyState icon={<KeyRound className="h-6 w-6 text-accent" />} title="No API keys yet">
            Create a key pair to start sending traces.
          </EmptyState>
        ) : (
          <div className="overflow-hidden rounded-lg border">
            <table className="w-full text-[13px]">
              <thead className="bg-panel text-xs text-muted-foreground">
                <tr>
                  <th className="h-8 px-3 text-left font-medium">Public key</th>
                  <th className="h-8 px-3 text-left font-medium">Secret key</th>
                  <th className="h-8 px-3 text-left font-medium">Created</th>
                  <th className="h-8 px-3 text-left font-medium">Last used</th>
                  <th className="h-8 px-3" />
                </tr>
              </thead>
              <tbody>
                {keys.isPending ? (
                  <SkeletonRows columns={5} />
                ) : (
                  keys.data?.map((k) => (
                    <tr key={k.id} className="h-9 border-t">
                      <td className="px-3 font-mono text-xs">
                        <span className="inline-flex items-center gap-1">
                          {k.publicKey}
                          <CopyButton value={k.publicKey} label="Copy public key" />
                        </span>
                      </td>
                      <td className="px-3 font-mono text-xs text-muted-foreground">{k.displaySecretKey}</td>
                      <td className="px-3 text-xs text-muted-foreground">{formatRelative(k.createdAt)}</td>
                      <td className="px-3 text-xs text-muted-foreground">{k.lastUsedAt ? formatRelative(k.lastUsedAt) : "never"}</td>
                      <td className="px-3 text-right">
                        {k.revokedAt ? (
                          <Badge tone="danger">revoked</Badge>
                        ) : (
                          <Button
                            variant="danger"
                            size="sm"
                            disabled={revoke.isPending}
                            onClick={() => {
                              if (window.confirm(`Revoke ${k.publicKey}? SDKs using it stop working within seconds.`)) revoke.mutate(k.id);
                            }}
                          >
                            Revoke
                          </Button>
                        )}
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}

export function ApiKeysPage({ projectId }: { projectId: string }) {
  return (
    <Suspense>
      <Keys projectId={projectId} />
    </Suspense>
  );
}

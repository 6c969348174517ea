"use client";

import { ZApiKeySummary } from "@loupe/contracts";
import { useMutation } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { PageHeader } from "@/components/layout/app-shell";
import { ErrorState } from "@/components/ui/states";
import { apiFetch } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";
import { useOrigin } from "@/lib/client/use-origin";
import { ApiKeyTable, CreateKeyButton, CreateKeyDialog, SecretReveal } from "./api-key-list";
import { useApiKeys } from "./use-api-keys";

function Keys({ projectId }: { projectId: string }) {
  const welcome = useSearchParams().get("welcome") === "1";
  const origin = useOrigin();
  const url = `/api/internal/projects/${encodeURIComponent(projectId)}/api-keys`;
  const { keys, create, revoke, creating, setCreating, invalidate } = useApiKeys(url, queryKeys.apiKeys(projectId));
  const editNote = useMutation({
    mutationFn: ({ id, note }: { id: string; note: string | null }) =>
      apiFetch(ZApiKeySummary, `${url}/${encodeURIComponent(id)}`, { method: "PATCH", body: { note } }),
    onSuccess: invalidate,
  });
  const failure = revoke.error ?? editNote.error;

  return (
    <div>
      <PageHeader
        title="API keys"
        description="Keys let SDKs and OpenTelemetry exporters send traces to this project."
        actions={<CreateKeyButton onClick={() => setCreating(true)} />}
      />
      <div className="max-w-5xl space-y-4 p-5">
        {welcome && !create.data ? (
          <p className="rounded-lg border bg-panel p-4 text-sm">
            Your project is ready. Create an API key, then point a Langfuse SDK or an OpenTelemetry exporter at{" "}
            <span className="font-mono">{origin}</span>.
          </p>
        ) : null}
        {create.data ? <SecretReveal created={create.data} origin={origin} /> : null}
        {failure ? <ErrorState title="Could not change the key" message={failure.message} /> : null}
        {keys.isError ? (
          <ErrorState title="Could not load API keys" error={keys.error} onRetry={() => keys.refetch()} />
        ) : (
          <ApiKeyTable
            keys={keys.data}
            loading={keys.isPending}
            emptyHint="Create a key pair to start sending traces."
            revoking={revoke.isPending}
            onRevoke={(id) => revoke.mutate(id)}
            onEditNote={(id, note) => editNote.mutate({ id, note })}
          />
        )}
      </div>
      {creating ? (
        <CreateKeyDialog
          title="Create a project API key"
          pending={create.isPending}
          error={create.error?.message ?? null}
          onCreate={(body) => create.mutate(body)}
          onClose={() => {
            setCreating(false);
            create.reset();
          }}
        />
      ) : null}
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

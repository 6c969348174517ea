"use client";

import { KeyRound } from "lucide-react";
import { ErrorState } from "@/components/ui/states";
import { queryKeys } from "@/lib/client/query-keys";
import { useOrigin } from "@/lib/client/use-origin";
import { ApiKeyTable, CreateKeyButton, CreateKeyDialog, SecretReveal } from "./api-key-list";
import { useApiKeys } from "./use-api-keys";

/** Organization API keys: they call the admin API (projects and their keys), never a project's data. */
export function OrganizationKeysCard({ organizationId }: { organizationId: string }) {
  const origin = useOrigin();
  const url = `/api/internal/organizations/${encodeURIComponent(organizationId)}/api-keys`;
  const { keys, create, revoke, creating, setCreating } = useApiKeys(url, queryKeys.organizationApiKeys(organizationId));
  return (
    <section className="space-y-3 rounded-lg border p-4" aria-labelledby="org-keys-title">
      <div className="flex items-start justify-between gap-3">
        <div>
          <h2 id="org-keys-title" className="flex items-center gap-2 text-sm font-semibold">
            <KeyRound className="h-4 w-4 text-accent" /> Organization API keys
          </h2>
          <p className="mt-1 text-xs text-muted-foreground">
            For automation (Terraform, scripts): they manage projects, their API keys and memberships through the admin API
            (/api/public/projects, /api/public/organizations/…), and let your identity provider add and remove members through SCIM
            (/api/public/scim). They cannot read traces or any other project data.
          </p>
        </div>
        <CreateKeyButton onClick={() => setCreating(true)} />
      </div>
      {create.data ? <SecretReveal created={create.data} origin={origin} /> : null}
      {revoke.isError ? <ErrorState title="Could not revoke the key" message={revoke.error.message} /> : null}
      {keys.isError ? (
        <ErrorState title="Could not load the organization's keys" error={keys.error} onRetry={() => keys.refetch()} />
      ) : (
        <ApiKeyTable
          keys={keys.data}
          loading={keys.isPending}
          emptyHint="Create one to manage projects from scripts."
          revoking={revoke.isPending}
          onRevoke={(id) => revoke.mutate(id)}
        />
      )}
      {creating ? (
        <CreateKeyDialog
          title="Create an organization API key"
          pending={create.isPending}
          error={create.error?.message ?? null}
          onCreate={(body) => create.mutate(body)}
          onClose={() => {
            setCreating(false);
            create.reset();
          }}
        />
      ) : null}
    </section>
  );
}

"use client";

import { type TOrganizationRole, ZPasswordResetLinkResponse } from "@loupe/contracts";
import { organizationCan } from "@loupe/domain";
import { useMutation } from "@tanstack/react-query";
import { Building2, History, KeyRound } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { PageHeader } from "@/components/layout/app-shell";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Input } from "@/components/ui/input";
import { EmptyState } from "@/components/ui/states";
import { apiFetch } from "@/lib/client/api-client";
import { formatTimestamp, formatUtc } from "@/lib/shared/format";
import { projectRoutes } from "@/lib/shared/routes";
import { OrganizationKeysCard } from "./organization-keys-card";
import { OrganizationProjectsCard } from "./organization-projects-card";

type OrganizationOfPage = { id: string; name: string; role: TOrganizationRole };

/** An admin's one-time password reset link for a member: made here, shown once, with a copy button and its expiry. */
function ResetLinkCard() {
  const [email, setEmail] = useState("");
  const make = useMutation({
    mutationFn: (address: string) =>
      apiFetch(ZPasswordResetLinkResponse, "/api/internal/password-reset-links", { method: "POST", body: { email: address } }),
  });
  return (
    <section className="space-y-3 rounded-lg border p-4" aria-labelledby="reset-link-title">
      <div>
        <h2 id="reset-link-title" className="flex items-center gap-2 text-sm font-semibold">
          <KeyRound className="h-4 w-4 text-accent" /> Password reset link
        </h2>
        <p className="mt-1 text-xs text-muted-foreground">
          For a member who forgot their password. The link works once, for 24 hours, and a new one replaces it; whoever holds it can set the
          password, so hand it over privately. Setting the password signs the member out everywhere.
        </p>
      </div>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          make.mutate(email.trim());
        }}
      >
        <label className="flex min-w-64 flex-1 flex-col gap-1 text-xs text-muted-foreground">
          Member's email
          <Input type="email" required value={email} placeholder="name@company.com" onChange={(e) => setEmail(e.target.value)} />
        </label>
        <Button size="sm" type="submit" disabled={make.isPending || !email.trim()}>
          {make.isPending ? "Creating…" : "Create reset link"}
        </Button>
      </form>
      {make.isError ? (
        <p role="alert" className="rounded-md border border-danger/40 bg-danger-soft p-2 text-sm text-danger">
          {make.error.message}
        </p>
      ) : null}
      {make.data ? (
        <div role="status" className="space-y-2 rounded-lg border border-accent/40 bg-accent-soft p-3">
          <p className="text-sm font-medium">Reset link for {make.variables}</p>
          <div className="flex items-center gap-1 rounded-md border bg-background p-2">
            <code data-testid="reset-link" className="min-w-0 flex-1 truncate font-mono text-xs">
              {make.data.url}
            </code>
            <CopyButton value={make.data.url} label="Copy reset link" />
          </div>
          <p className="text-xs text-muted-foreground" title={formatUtc(make.data.expiresAt)}>
            Expires {formatTimestamp(make.data.expiresAt)}. It is shown only now.
          </p>
        </div>
      ) : null}
    </section>
  );
}

export function OrganizationSettingsPage({
  projectId,
  organization,
  mayCreateOrganizations,
  moveTargets,
}: {
  projectId: string;
  organization: OrganizationOfPage;
  mayCreateOrganizations: boolean;
  moveTargets: { id: string; name: string }[];
}) {
  const allowed = organizationCan(organization.role, "organization:manage");
  return (
    <div>
      <PageHeader
        title="Organization"
        description={`${organization.name}: settings that apply to every project of the organization.`}
        actions={
          allowed ? (
            <Link
              href={projectRoutes(projectId).organizationAuditLog}
              className="inline-flex h-7 items-center gap-1 rounded-md border px-2.5 text-xs hover:bg-muted"
            >
              <History className="h-3.5 w-3.5" /> Organization's log
            </Link>
          ) : null
        }
      />
      <div className="max-w-5xl space-y-4 p-5">
        {allowed ? (
          <>
            <OrganizationProjectsCard
              organization={organization}
              currentProjectId={projectId}
              mayCreateOrganizations={mayCreateOrganizations}
              moveTargets={moveTargets}
            />
            <OrganizationKeysCard organizationId={organization.id} />
            <ResetLinkCard />
          </>
        ) : (
          <EmptyState icon={<Building2 className="h-6 w-6 text-accent" />} title="Only the organization's admins see this page">
            Organization settings need the ADMIN or OWNER role in {organization.name}; your role there is {organization.role}.
          </EmptyState>
        )}
      </div>
    </div>
  );
}

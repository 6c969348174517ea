"use client";

import { type TCreatedInvitation, type TOrganizationRole, ORGANIZATION_ROLES } from "@loupe/contracts";
import { grantsAtLeast, organizationCan } from "@loupe/domain";
import { MailPlus, UsersRound } from "lucide-react";
import { useState } from "react";
import { PageHeader } from "@/components/layout/app-shell";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormError } from "@/components/ui/form-error";
import { SimpleTable } from "@/components/ui/simple-table";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { formatRelative, formatTimestamp, formatUtc } from "@/lib/shared/format";
import { InviteDialog } from "./invite-dialog";
import { ROLE_HINTS } from "./role-labels";
import { useInvitations, useOrganizationMembers } from "./use-members";
import { Select } from "@/components/ui/textarea";

type Props = {
  organization: { id: string; name: string; role: TOrganizationRole };
  projects: { id: string; name: string }[];
  currentUserId: string;
};

/** The invitation link, shown once right after it is made, with a copy button. */
function CreatedLink({ created }: { created: TCreatedInvitation }) {
  return (
    <div role="status" className="space-y-2 rounded-lg border border-accent/40 bg-accent-soft p-3">
      <p className="text-sm font-medium">
        Invitation for {created.email}
        {created.emailed ? " (mailed too)" : ""}: copy the link now, it is shown only once.
      </p>
      <div className="flex items-center gap-1 rounded-md border bg-background p-2">
        <code data-testid="invitation-link" className="min-w-0 flex-1 truncate font-mono text-xs">
          {created.url}
        </code>
        <CopyButton value={created.url} label="Copy invitation link" />
      </div>
      <p className="text-xs text-muted-foreground" title={formatUtc(created.expiresAt)}>
        Works once, until {formatTimestamp(created.expiresAt)}. Whoever holds it can join as {created.role}: hand it over privately.
      </p>
    </div>
  );
}

function Members({ organization, currentUserId }: Omit<Props, "projects">) {
  const { members, changeRole, remove } = useOrganizationMembers(organization.id);
  // A refusal stays until the next change (or a fresh load of the list) replaces it.
  const actor = organization.role;
  const error = changeRole.error?.message ?? remove.error?.message ?? null;
  return (
    <section className="space-y-2" aria-labelledby="members-title">
      <h2 id="members-title" className="text-sm font-semibold">
        Members {members.data ? <span className="font-normal text-muted-foreground">({members.data.members.length})</span> : null}
      </h2>
      <FormError message={error} />
      {members.isError ? (
        <ErrorState title="Could not load the members" error={members.error} onRetry={() => members.refetch()} />
      ) : (
        <SimpleTable
          columns={[{ header: "Name" }, { header: "Email" }, { header: "Role" }, { header: "Joined" }, { header: "" }]}
          minWidth="min-w-[640px]"
          pending={members.isPending}
        >
          {members.data?.members.map((m) => {
            const mayChange = grantsAtLeast(actor, m.role);
            return (
              <tr key={m.userId} className="h-9 border-t" data-testid="member-row">
                <td className="max-w-48 truncate px-3" title={m.name ?? undefined}>
                  {m.name || <span className="text-muted-foreground">—</span>}
                  {m.userId === currentUserId ? <Badge className="ml-1.5">you</Badge> : null}
                </td>
                <td className="max-w-64 truncate px-3 text-muted-foreground" title={m.email}>
                  {m.email}
                </td>
                <td className="px-3">
                  <Select
                    aria-label={`Role of ${m.email}`}
                    className="h-7 w-auto text-xs disabled:opacity-60"
                    value={m.role}
                    disabled={!mayChange || changeRole.isPending}
                    title={mayChange ? undefined : `Only someone with the ${m.role} role may change this member`}
                    onChange={(e) => {
                      remove.reset();
                      changeRole.mutate({ userId: m.userId, role: e.target.value as TOrganizationRole });
                    }}
                  >
                    {ORGANIZATION_ROLES.filter((r) => r === m.role || grantsAtLeast(actor, r)).map((r) => (
                      <option key={r} value={r} title={ROLE_HINTS[r]}>
                        {r}
                      </option>
                    ))}
                  </Select>
                </td>
                <td className="whitespace-nowrap px-3 text-xs text-muted-foreground" title={formatUtc(m.joinedAt)}>
                  {formatRelative(m.joinedAt)}
                </td>
                <td className="px-3 text-right">
                  <Button
                    variant="danger"
                    size="sm"
                    disabled={!mayChange || remove.isPending}
                    onClick={() => {
                      const who = m.userId === currentUserId ? "yourself" : m.email;
                      if (window.confirm(`Remove ${who} from ${organization.name}? They lose access to every project at once.`)) {
                        changeRole.reset();
                        remove.mutate(m.userId);
                      }
                    }}
                  >
                    Remove
                  </Button>
                </td>
              </tr>
            );
          })}
        </SimpleTable>
      )}
    </section>
  );
}

function Invitations({ organization, projects, created }: Omit<Props, "currentUserId"> & { created: boolean }) {
  const { invitations, revoke } = useInvitations(organization.id);
  const list = invitations.data?.invitations ?? [];
  return (
    <section className="space-y-2" aria-labelledby="invitations-title">
      <h2 id="invitations-title" className="text-sm font-semibold">
        Pending invitations {invitations.data ? <span className="font-normal text-muted-foreground">({list.length})</span> : null}
      </h2>
      <FormError message={revoke.error?.message ?? null} />
      {invitations.isError ? (
        <ErrorState title="Could not load the invitations" error={invitations.error} onRetry={() => invitations.refetch()} />
      ) : invitations.isSuccess && list.length === 0 ? (
        <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">
          {created ? "No other invitation is waiting." : "No invitation is waiting. Invite a colleague to give them a one-time link."}
        </p>
      ) : (
        <SimpleTable
          columns={[
            { header: "Email" },
            { header: "Role" },
            { header: "Project" },
            { header: "Invited by" },
            { header: "Expires" },
            { header: "" },
          ]}
          minWidth="min-w-[720px]"
          pending={invitations.isPending}
        >
          {list.map((inv) => {
            const expired = new Date(inv.expiresAt).getTime() <= Date.now();
            return (
              <tr key={inv.id} className="h-9 border-t" data-testid="invitation-row">
                <td className="max-w-64 truncate px-3" title={inv.email}>
                  {inv.email}
                </td>
                <td className="px-3 font-mono text-xs">{inv.role}</td>
                <td className="max-w-48 truncate px-3 text-xs text-muted-foreground">
                  {inv.project ? `${projects.find((p) => p.id === inv.project?.id)?.name ?? inv.project.name} as ${inv.projectRole}` : "—"}
                </td>
                <td className="max-w-40 truncate px-3 text-xs text-muted-foreground">{inv.invitedBy ?? "—"}</td>
                <td className="px-3 text-xs" title={formatUtc(inv.expiresAt)}>
                  {expired ? (
                    <Badge tone="warning">expired</Badge>
                  ) : (
                    <span className="text-muted-foreground">{formatTimestamp(inv.expiresAt)}</span>
                  )}
                </td>
                <td className="px-3 text-right">
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={revoke.isPending}
                    onClick={() => {
                      if (window.confirm(`Revoke the invitation for ${inv.email}? Its link stops working at once.`)) revoke.mutate(inv.id);
                    }}
                  >
                    Revoke
                  </Button>
                </td>
              </tr>
            );
          })}
        </SimpleTable>
      )}
    </section>
  );
}

/** Settings → Organization members: the list with role selects and removal, pending invitations, the invite dialog. */
export function OrganizationMembersPage({ organization, projects, currentUserId }: Props) {
  const [inviting, setInviting] = useState(false);
  const { create } = useInvitations(organization.id);
  const actor = organization.role;
  if (actor === "NONE" || !organizationCan(actor, "organization:members")) {
    return (
      <div>
        <PageHeader title="Organization members" description={organization.name} />
        <div className="max-w-3xl p-5">
          <EmptyState icon={<UsersRound className="h-6 w-6 text-accent" />} title="Only the organization's admins see this page">
            Managing members needs the ADMIN or OWNER role in {organization.name}; your role there is {organization.role}.
          </EmptyState>
        </div>
      </div>
    );
  }
  return (
    <div>
      <PageHeader
        title="Organization members"
        description={`${organization.name}: who is in the organization and their role in every project (a project's members page can override it).`}
        actions={
          <Button size="sm" onClick={() => setInviting(true)}>
            <MailPlus className="h-3.5 w-3.5" /> Invite
          </Button>
        }
      />
      <div className="max-w-5xl space-y-6 p-5">
        {create.data ? <CreatedLink created={create.data} /> : null}
        <Members organization={organization} currentUserId={currentUserId} />
        <Invitations organization={organization} projects={projects} created={create.isSuccess} />
      </div>
      {inviting ? (
        <InviteDialog
          actorRole={actor}
          projects={projects}
          pending={create.isPending}
          error={create.error?.message ?? null}
          onClose={() => {
            setInviting(false);
            if (!create.isSuccess) create.reset();
          }}
          onSubmit={(body) => create.mutate(body, { onSuccess: () => setInviting(false) })}
        />
      ) : null}
    </div>
  );
}

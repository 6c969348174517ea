"use client";

import { ROLES, type Role } from "@loupe/contracts";
import { grantsAtLeast } from "@loupe/domain";
import { UserCog } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/layout/app-shell";
import { Badge } from "@/components/ui/badge";
import { FormError } from "@/components/ui/form-error";
import { SimpleTable } from "@/components/ui/simple-table";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { useCan, useProjectRole } from "@/lib/client/project-role";
import { projectRoutes } from "@/lib/shared/routes";
import { ROLE_HINTS } from "./role-labels";
import { useProjectMembers } from "./use-members";
import { Select } from "@/components/ui/textarea";

const INHERIT = "";

/**
 * Settings → Members of one project: every member of the organization, their organization role, the
 * project role that overrides it here (or none: the organization role applies) and the effective role.
 */
export function ProjectMembersPage({ projectId }: { projectId: string }) {
  const allowed = useCan("project:members");
  const actor = useProjectRole();
  const { members, setRole } = useProjectMembers(projectId);
  const header = (
    <PageHeader
      title="Members"
      description="A project role overrides the organization role in this project, up or down. People with the organization role NONE see only the projects given to them here."
      actions={
        <Link
          href={projectRoutes(projectId).organizationMembers}
          className="inline-flex h-7 items-center gap-1 rounded-md border px-2.5 text-xs hover:bg-muted"
        >
          Invite or remove people
        </Link>
      }
    />
  );
  if (!allowed || !actor) {
    return (
      <div>
        {header}
        <div className="max-w-3xl p-5">
          <EmptyState icon={<UserCog className="h-6 w-6 text-accent" />} title="Only the project's admins see this page">
            Project roles are set by ADMIN or OWNER; your role in this project is {actor ?? "none"}.
          </EmptyState>
        </div>
      </div>
    );
  }
  return (
    <div>
      {header}
      <div className="max-w-5xl space-y-3 p-5">
        <FormError message={setRole.error?.message ?? null} />
        {members.isError ? (
          <ErrorState title="Could not load the members" error={members.error} onRetry={() => members.refetch()} />
        ) : (
          <SimpleTable
            columns={[
              { header: "Name" },
              { header: "Email" },
              { header: "Organization role" },
              { header: "Project role" },
              { header: "Access here" },
            ]}
            minWidth="min-w-[720px]"
            pending={members.isPending}
          >
            {members.data?.members.map((m) => {
              const mayChange = grantsAtLeast(actor, m.organizationRole) && (!m.role || grantsAtLeast(actor, m.role));
              return (
                <tr key={m.userId} className="h-9 border-t" data-testid="project-member-row">
                  <td className="max-w-48 truncate px-3">{m.name || <span className="text-muted-foreground">—</span>}</td>
                  <td className="max-w-64 truncate px-3 text-muted-foreground" title={m.email}>
                    {m.email}
                  </td>
                  <td className="px-3 font-mono text-xs">{m.organizationRole}</td>
                  <td className="px-3">
                    <Select
                      aria-label={`Project role of ${m.email}`}
                      className="h-7 w-auto text-xs disabled:opacity-60"
                      value={m.projectRole ?? INHERIT}
                      disabled={!mayChange || setRole.isPending}
                      onChange={(e) => setRole.mutate({ userId: m.userId, role: (e.target.value || null) as Role | null })}
                    >
                      <option value={INHERIT}>Organization role ({m.organizationRole})</option>
                      {ROLES.filter((r) => r === m.projectRole || grantsAtLeast(actor, r)).map((r) => (
                        <option key={r} value={r} title={ROLE_HINTS[r]}>
                          {r}
                        </option>
                      ))}
                    </Select>
                  </td>
                  <td className="px-3">
                    {m.role ? <Badge tone={m.projectRole ? "accent" : "neutral"}>{m.role}</Badge> : <Badge tone="warning">no access</Badge>}
                  </td>
                </tr>
              );
            })}
          </SimpleTable>
        )}
      </div>
    </div>
  );
}

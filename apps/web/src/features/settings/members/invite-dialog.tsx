"use client";

import { ORGANIZATION_ROLES, ROLES, type Role, type TCreateInvitationBody, type TOrganizationRole } from "@loupe/contracts";
import { grantsAtLeast } from "@loupe/domain";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { roleOption } from "./role-labels";
import { Select } from "@/components/ui/textarea";

/**
 * Invites an e-mail with an organization role and, optionally, a role in one project (with NONE, the
 * person sees only that project). Only the roles the inviter holds are offered; the server checks again.
 */
export function InviteDialog({
  actorRole,
  projects,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  actorRole: Role;
  projects: { id: string; name: string }[];
  pending: boolean;
  error: string | null;
  onSubmit: (body: TCreateInvitationBody) => void;
  onClose: () => void;
}) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<TOrganizationRole>("MEMBER");
  const [projectId, setProjectId] = useState("");
  const [projectRole, setProjectRole] = useState<Role>("MEMBER");
  const offered = ORGANIZATION_ROLES.filter((r) => grantsAtLeast(actorRole, r));
  const submit = () => onSubmit({ email: email.trim(), role, ...(projectId ? { projectId, projectRole } : {}) } as TCreateInvitationBody);
  return (
    <ModalDialog
      title="Invite a colleague"
      description="They get a link that works once, for 7 days. It is shown to you once, and mailed when this instance has SMTP."
      onClose={onClose}
      footer={(close) => (
        <>
          <Button variant="secondary" size="sm" onClick={close}>
            Cancel
          </Button>
          <Button size="sm" type="submit" form="invite-form" disabled={pending || !email.trim()}>
            {pending ? "Inviting…" : "Create invitation"}
          </Button>
        </>
      )}
    >
      <form
        id="invite-form"
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="flex flex-col gap-1 text-xs font-medium">
          Email
          <Input
            type="email"
            required
            autoFocus
            value={email}
            placeholder="colleague@company.com"
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Organization role
          <Select className="w-auto disabled:opacity-60" value={role} onChange={(e) => setRole(e.target.value as TOrganizationRole)}>
            {offered.map((r) => (
              <option key={r} value={r}>
                {roleOption(r)}
              </option>
            ))}
          </Select>
        </label>
        <div className="grid grid-cols-2 gap-3 max-[560px]:grid-cols-1">
          <label className="flex flex-col gap-1 text-xs font-medium">
            Project (optional)
            <Select className="w-auto disabled:opacity-60" value={projectId} onChange={(e) => setProjectId(e.target.value)}>
              <option value="">No project role</option>
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium">
            Role in that project
            <Select
              className="w-auto disabled:opacity-60"
              value={projectRole}
              disabled={!projectId}
              onChange={(e) => setProjectRole(e.target.value as Role)}
            >
              {ROLES.filter((r) => grantsAtLeast(actorRole, r)).map((r) => (
                <option key={r} value={r}>
                  {roleOption(r)}
                </option>
              ))}
            </Select>
          </label>
        </div>
        {role === "NONE" && !projectId ? (
          <p className="text-xs text-warning">
            With NONE and no project, they join the organization but see no project until you give them one.
          </p>
        ) : null}
        <FormError message={error} />
      </form>
    </ModalDialog>
  );
}

import type { Role, TOrganizationRole } from "@loupe/contracts";
import { type Capability, can, includesRole } from "./capabilities.ts";

/**
 * The role a person has in a project: the per-project role when one is set (it overrides the organization
 * role, up or down), else the organization role; null when that is NONE (in the organization, in no project
 * unless granted one). The only place this is decided: every project access check goes through it.
 */
export function effectiveProjectRole(orgRole: TOrganizationRole, projectOverride: Role | null | undefined): Role | null {
  if (projectOverride) return projectOverride;
  return orgRole === "NONE" ? null : orgRole;
}

/** What an organization role may do at organization level: NONE may do nothing there. */
export const organizationCan = (orgRole: TOrganizationRole, capability: Capability): boolean =>
  orgRole !== "NONE" && can(orgRole, capability);

/** True when `role` grants everything `other` does; NONE grants nothing and every role includes it. */
export const grantsAtLeast = (role: TOrganizationRole, other: TOrganizationRole): boolean =>
  other === "NONE" || (role !== "NONE" && includesRole(role, other));

export type MembershipRefusal = { kind: "forbidden" | "conflict"; message: string };

export const LAST_OWNER_MESSAGE =
  "This is the organization's last owner: make another member OWNER first, so the organization keeps someone who can manage it.";

/**
 * Whether `actor` may give a member `next` (an organization role), the member holding `current` now; null
 * when allowed. Nobody grants above their own role (an ADMIN cannot make an OWNER) or changes someone whose
 * role they do not hold themselves, and the last OWNER stays an OWNER.
 */
export function orgRoleChangeRefusal(input: {
  actor: TOrganizationRole;
  current: TOrganizationRole;
  next: TOrganizationRole;
  owners: number;
}): MembershipRefusal | null {
  const { actor, current, next, owners } = input;
  if (!grantsAtLeast(actor, next))
    return { kind: "forbidden", message: `Your role ${actor} may not grant ${next}: nobody grants a role above their own.` };
  if (!grantsAtLeast(actor, current))
    return {
      kind: "forbidden",
      message: `This member is ${current}, above your role ${actor}: only someone with that role may change it.`,
    };
  if (current === "OWNER" && next !== "OWNER" && owners <= 1) return { kind: "conflict", message: LAST_OWNER_MESSAGE };
  return null;
}

/** Whether `actor` may remove a member holding `current` (themselves included: leaving); null when allowed. */
export function memberRemovalRefusal(input: {
  actor: TOrganizationRole;
  current: TOrganizationRole;
  owners: number;
}): MembershipRefusal | null {
  const { actor, current, owners } = input;
  if (!grantsAtLeast(actor, current))
    return {
      kind: "forbidden",
      message: `This member is ${current}, above your role ${actor}: only someone with that role may remove them.`,
    };
  if (current === "OWNER" && owners <= 1) return { kind: "conflict", message: LAST_OWNER_MESSAGE };
  return null;
}

/**
 * Whether `actor` (their role in the project) may set or remove a member's project role: the new role and
 * the member's present roles (organization and effective) may not be above the actor's.
 */
export function projectRoleChangeRefusal(input: {
  actor: Role;
  memberOrgRole: TOrganizationRole;
  memberEffective: Role | null;
  next: Role | null;
}): MembershipRefusal | null {
  const { actor, memberOrgRole, memberEffective, next } = input;
  if (next && !grantsAtLeast(actor, next))
    return { kind: "forbidden", message: `Your role ${actor} may not grant ${next}: nobody grants a role above their own.` };
  for (const held of [memberOrgRole, memberEffective]) {
    if (held && !grantsAtLeast(actor, held))
      return { kind: "forbidden", message: `This member is ${held}, above your role ${actor}: only someone with that role may change it.` };
  }
  return null;
}

/** Invitations last a week; the link's token works once. */
export const INVITATION_VALID_DAYS = 7;

export type InvitationState = "pending" | "expired" | "revoked" | "accepted";

export function invitationState(
  inv: { expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null },
  now = new Date(),
): InvitationState {
  if (inv.acceptedAt) return "accepted";
  if (inv.revokedAt) return "revoked";
  return inv.expiresAt.getTime() <= now.getTime() ? "expired" : "pending";
}

/** What the invitation page says for a link that no longer works. */
export const INVITATION_STATE_MESSAGES: Record<Exclude<InvitationState, "pending"> | "unknown", string> = {
  unknown: "This invitation link is not valid. Check that you copied all of it, or ask for a new invitation.",
  expired: "This invitation has expired (invitations last 7 days). Ask an admin of the organization for a new one.",
  revoked: "This invitation was withdrawn by an admin of the organization. Ask them if you still need access.",
  accepted: "This invitation has already been used. Sign in to open the organization.",
};

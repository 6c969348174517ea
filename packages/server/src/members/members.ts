import type { Role, TOrganizationMember, TOrganizationRole, TProjectMember } from "@loupe/contracts";
import {
  countOrganizationOwners,
  deleteProjectOverride,
  ensureOrganizationMembership,
  findOrganizationMembership,
  findProjectOverride,
  findUserById,
  getProjectWithOrganization,
  listOrganizationMembers,
  listProjectMembersWithRoles,
  lockOrganization,
  prisma,
  removeOrganizationMembership,
  setOrganizationMembershipRole,
  type Tx,
  upsertProjectOverride,
} from "@loupe/db";
import {
  effectiveProjectRole,
  grantsAtLeast,
  type MembershipRefusal,
  memberRemovalRefusal,
  orgRoleChangeRefusal,
  projectRoleChangeRefusal,
} from "@loupe/domain";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { endUserSessions } from "../auth/sessions.ts";
import { conflict, DomainError, forbidden, notFound } from "../errors.ts";

/** Who makes a members change (for the audit log) and their role where it is made; an organization API key (admin API, SCIM) acts as OWNER. */
export type ChangeActor = { role: Role; audit: AuditContext };
/** A signed-in person making a members change (invitations record who invited). */
export type MembersActor = ChangeActor & { user: { id: string } };

const refuse = (refusal: MembershipRefusal | null) => {
  if (refusal) throw refusal.kind === "conflict" ? conflict(refusal.message) : forbidden(refusal.message);
};

/** Runs a membership change of one organization under its row lock (serialises the last-owner check). */
export async function inOrganization<T>(organizationId: string, run: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      if (!(await lockOrganization(tx, organizationId))) throw notFound("Organization");
      return run(tx);
    },
    // The audit append waits for the instance-wide chain lock: more than Prisma's 5 s default under load.
    { maxWait: 10_000, timeout: 20_000 },
  );
}

export async function listMembersOfOrganization(organizationId: string): Promise<TOrganizationMember[]> {
  return (await listOrganizationMembers(organizationId)).map((m) => ({
    userId: m.user.id,
    name: m.user.name,
    email: m.user.email,
    role: m.role,
    joinedAt: m.createdAt.toISOString(),
  }));
}

/** Changes a member's organization role: never above the actor's own, never the last OWNER away (409). */
export async function changeOrganizationMemberRole(
  organizationId: string,
  userId: string,
  next: TOrganizationRole,
  actor: ChangeActor,
): Promise<TOrganizationMember> {
  const member = await inOrganization(organizationId, async (tx) => {
    const found = await findOrganizationMembership(organizationId, userId, tx);
    if (!found) throw notFound("Member");
    await changeRoleInTx(tx, organizationId, found, next, actor);
    return found;
  });
  return { userId, name: member.user.name, email: member.user.email, role: next, joinedAt: member.createdAt.toISOString() };
}

/**
 * Makes an existing user a member with `role`, or changes the role of one who is (the admin API's "create or
 * update"): the same rules as the members page, and the new membership audited as `member.added`.
 */
export async function putOrganizationMember(
  organizationId: string,
  userId: string,
  role: TOrganizationRole,
  actor: ChangeActor,
): Promise<TOrganizationMember> {
  return inOrganization(organizationId, async (tx) => {
    const found = await findOrganizationMembership(organizationId, userId, tx);
    if (found) {
      await changeRoleInTx(tx, organizationId, found, role, actor);
      return { userId, name: found.user.name, email: found.user.email, role, joinedAt: found.createdAt.toISOString() };
    }
    const user = await findUserById(userId);
    if (!user) throw new DomainError(404, `User not found: no Loupe user has the id ${userId}`, "NotFound");
    if (!grantsAtLeast(actor.role, role))
      throw forbidden(`Your role ${actor.role} may not grant ${role}: nobody grants a role above their own.`);
    await ensureOrganizationMembership(tx, organizationId, userId, role);
    await recordAudit(tx, actor.audit, {
      action: "member.added",
      organizationId,
      resource: { type: "organizationMembership", id: userId },
      before: null,
      after: { role, email: user.email },
    });
    return { userId, name: user.name, email: user.email, role, joinedAt: new Date().toISOString() };
  });
}

async function changeRoleInTx(
  tx: Tx,
  organizationId: string,
  found: NonNullable<Awaited<ReturnType<typeof findOrganizationMembership>>>,
  next: TOrganizationRole,
  actor: ChangeActor,
): Promise<void> {
  refuse(orgRoleChangeRefusal({ actor: actor.role, current: found.role, next, owners: await countOrganizationOwners(tx, organizationId) }));
  if (found.role === next) return;
  await setOrganizationMembershipRole(tx, organizationId, found.user.id, next);
  await recordAudit(tx, actor.audit, {
    action: "member.roleChanged",
    organizationId,
    resource: { type: "organizationMembership", id: found.user.id },
    before: { role: found.role, email: found.user.email },
    after: { role: next, email: found.user.email },
  });
}

/** Removes a member from the organization (and its projects) and ends their sessions; the last OWNER stays (409). */
export async function removeMemberFromOrganization(
  organizationId: string,
  userId: string,
  actor: ChangeActor,
  action: "member.removed" | "scim.userDeprovisioned" | "scim.userDeleted" = "member.removed",
): Promise<void> {
  await inOrganization(organizationId, async (tx) => {
    const found = await findOrganizationMembership(organizationId, userId, tx);
    if (!found) throw notFound("Member");
    refuse(memberRemovalRefusal({ actor: actor.role, current: found.role, owners: await countOrganizationOwners(tx, organizationId) }));
    await removeOrganizationMembership(tx, organizationId, userId);
    await recordAudit(tx, actor.audit, {
      action,
      organizationId,
      resource: { type: "organizationMembership", id: userId },
      before: { role: found.role, email: found.user.email },
      after: null,
    });
  });
  await endUserSessions(userId);
}

export async function listMembersOfProject(projectId: string): Promise<TProjectMember[]> {
  return (await listProjectMembersWithRoles(projectId)).map((m) => ({
    userId: m.id,
    name: m.name,
    email: m.email,
    organizationRole: m.organizationRole,
    projectRole: m.projectRole,
    role: m.role,
  }));
}

/**
 * Sets (a role) or removes (null) a member's per-project role, which overrides their organization role in
 * this project. `actor.role` is the actor's role in the project; nobody grants or changes above it.
 */
export async function setProjectMemberRole(
  projectId: string,
  userId: string,
  next: Role | null,
  actor: ChangeActor,
): Promise<TProjectMember> {
  const found = await getProjectWithOrganization(projectId);
  if (!found) throw notFound("Project");
  const project = { id: projectId, organizationId: found.organization.id };
  const member = await inOrganization(project.organizationId, async (tx) => {
    const found = await findOrganizationMembership(project.organizationId, userId, tx);
    if (!found) throw new DomainError(404, "Member not found: only members of the project's organization have a role here", "NotFound");
    const override = await findProjectOverride(tx, project.id, userId);
    const memberEffective = effectiveProjectRole(found.role, override);
    refuse(projectRoleChangeRefusal({ actor: actor.role, memberOrgRole: found.role, memberEffective, next }));
    if (override !== next) {
      if (next) await upsertProjectOverride(tx, { projectId: project.id, userId, orgMembershipId: found.id, role: next });
      else await deleteProjectOverride(tx, project.id, userId);
      await recordAudit(tx, actor.audit, {
        action: next ? "projectMember.roleChanged" : "projectMember.removed",
        organizationId: project.organizationId,
        projectId: project.id,
        resource: { type: "projectMembership", id: userId },
        before: { projectRole: override, effectiveRole: memberEffective, email: found.user.email },
        after: { projectRole: next, effectiveRole: effectiveProjectRole(found.role, next), email: found.user.email },
      });
    }
    return found;
  });
  return {
    userId,
    name: member.user.name,
    email: member.user.email,
    organizationRole: member.role,
    projectRole: next,
    role: effectiveProjectRole(member.role, next),
  };
}

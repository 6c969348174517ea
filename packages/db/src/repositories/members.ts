import { prisma, type Tx } from "../client.ts";
import type { OrganizationRole } from "../generated/prisma/client.ts";

const PERSON = { id: true, name: true, email: true } as const;

/** The organization's members with their organization role, by name. */
export async function listOrganizationMembers(organizationId: string) {
  const rows = await prisma.organizationMembership.findMany({
    where: { organizationId },
    select: { role: true, createdAt: true, user: { select: PERSON } },
  });
  return rows.sort((a, b) => (a.user.name || a.user.email).localeCompare(b.user.name || b.user.email));
}

/**
 * Serialises membership changes of one organization (row lock on the organization until the transaction
 * ends), so two admins demoting the two last owners at once cannot leave it with none.
 */
export async function lockOrganization(tx: Tx, organizationId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Organization" WHERE id = ${organizationId} FOR UPDATE`;
  return rows.length > 0;
}

export async function countOrganizationOwners(tx: Tx, organizationId: string): Promise<number> {
  return tx.organizationMembership.count({ where: { organizationId, role: "OWNER" } });
}

export async function findOrganizationMembership(organizationId: string, userId: string, db: Tx = prisma) {
  return db.organizationMembership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { id: true, role: true, createdAt: true, user: { select: PERSON } },
  });
}

export async function setOrganizationMembershipRole(tx: Tx, organizationId: string, userId: string, role: OrganizationRole) {
  await tx.organizationMembership.update({ where: { organizationId_userId: { organizationId, userId } }, data: { role } });
}

/** Removes the membership (its project roles go with it, by cascade). */
export async function removeOrganizationMembership(tx: Tx, organizationId: string, userId: string): Promise<void> {
  await tx.organizationMembership.deleteMany({ where: { organizationId, userId } });
}

export async function findProjectOverride(tx: Tx, projectId: string, userId: string) {
  const row = await tx.projectMembership.findUnique({ where: { projectId_userId: { projectId, userId } }, select: { role: true } });
  return row && row.role !== "NONE" ? row.role : null;
}

export async function upsertProjectOverride(
  tx: Tx,
  input: { projectId: string; userId: string; orgMembershipId: string; role: OrganizationRole },
) {
  await tx.projectMembership.upsert({
    where: { projectId_userId: { projectId: input.projectId, userId: input.userId } },
    create: input,
    update: { role: input.role },
  });
}

export async function deleteProjectOverride(tx: Tx, projectId: string, userId: string): Promise<boolean> {
  return (await tx.projectMembership.deleteMany({ where: { projectId, userId } })).count > 0;
}

/** The organization's first live project the user can open after joining (for the redirect). */
export async function listOrganizationProjectIds(organizationId: string, db: Tx = prisma) {
  const rows = await db.project.findMany({
    where: { organizationId, deletedAt: null },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// Invitations
// ---------------------------------------------------------------------------------------------

const INVITATION = {
  id: true,
  email: true,
  organizationId: true,
  orgRole: true,
  projectId: true,
  projectRole: true,
  createdAt: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  organization: { select: { name: true } },
  project: { select: { id: true, name: true, deletedAt: true } },
  invitedBy: { select: { name: true, email: true } },
} as const;

export type InvitationRow = NonNullable<Awaited<ReturnType<typeof findInvitationByTokenHash>>>;

/**
 * Writes the organization's invitation for an e-mail: one row per (organization, e-mail), so a new
 * invitation replaces an earlier one (pending, used, revoked or expired) and its old link stops working.
 */
export async function upsertInvitation(
  tx: Tx,
  data: {
    organizationId: string;
    email: string;
    orgRole: OrganizationRole;
    projectId: string | null;
    projectRole: OrganizationRole | null;
    invitedByUserId: string;
    tokenHash: string;
    expiresAt: Date;
  },
) {
  const fresh = { ...data, createdAt: new Date(), acceptedAt: null, acceptedByUserId: null, revokedAt: null };
  const before = await tx.invitation.findUnique({
    where: { organizationId_email: { organizationId: data.organizationId, email: data.email } },
    select: INVITATION,
  });
  const row = await tx.invitation.upsert({
    where: { organizationId_email: { organizationId: data.organizationId, email: data.email } },
    create: data,
    update: fresh,
    select: INVITATION,
  });
  return { before, row };
}

/** Invitations not yet accepted nor revoked (expired ones included: the page shows them as expired). */
export async function listOpenInvitations(organizationId: string) {
  return prisma.invitation.findMany({
    where: { organizationId, acceptedAt: null, revokedAt: null },
    select: INVITATION,
    orderBy: { createdAt: "desc" },
  });
}

/** Marks an open invitation revoked; null when there is none of that id in the organization. */
export async function revokeInvitation(tx: Tx, organizationId: string, invitationId: string) {
  const found = await tx.invitation.findFirst({
    where: { id: invitationId, organizationId, acceptedAt: null, revokedAt: null },
    select: INVITATION,
  });
  if (!found) return null;
  await tx.invitation.update({ where: { id: invitationId }, data: { revokedAt: new Date() } });
  return found;
}

export async function findInvitationByTokenHash(tokenHash: string, db: Tx = prisma) {
  return db.invitation.findUnique({ where: { tokenHash }, select: INVITATION });
}

/** Spends an invitation: true only for the one caller that turned it from open to accepted (the token works once). */
export async function markInvitationAccepted(tx: Tx, invitationId: string, userId: string, now: Date): Promise<boolean> {
  const result = await tx.invitation.updateMany({
    where: { id: invitationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now, acceptedByUserId: userId },
  });
  return result.count === 1;
}

/** Open, unexpired invitations for an e-mail, in every organization (an SSO sign-in joins them all). */
export async function listPendingInvitationsForEmail(email: string, now = new Date(), db: Tx = prisma) {
  return db.invitation.findMany({
    where: { email: email.toLowerCase(), acceptedAt: null, revokedAt: null, expiresAt: { gt: now }, tokenHash: { not: null } },
    select: INVITATION,
    orderBy: { createdAt: "asc" },
  });
}

/** Joins the organization with `role` unless already a member (a member keeps their role); returns the membership id. */
export async function ensureOrganizationMembership(tx: Tx, organizationId: string, userId: string, role: OrganizationRole) {
  const was = await tx.organizationMembership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { id: true, role: true },
  });
  if (was) return { id: was.id, before: was.role, after: was.role };
  const created = await tx.organizationMembership.create({ data: { organizationId, userId, role }, select: { id: true } });
  return { id: created.id, before: null, after: role };
}

export async function createUserInTx(tx: Tx, data: { email: string; name: string | null; passwordHash: string }) {
  return tx.user.create({ data: { ...data, email: data.email.toLowerCase() }, select: { id: true, email: true } });
}

/** The organizations the user belongs to, with their organization role, oldest membership first. */
export async function listUserOrganizations(userId: string) {
  const rows = await prisma.organizationMembership.findMany({
    where: { userId },
    select: { role: true, organization: { select: { id: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ id: r.organization.id, name: r.organization.name, role: r.role }));
}

/**
 * Moves a live project to another organization. Per-project roles belong to memberships of the old
 * organization, so they go; pending invitations of the old organization keep inviting to it, without
 * the project. Returns false when the project is not a live project of `fromOrganizationId`.
 */
export async function moveProjectRow(tx: Tx, projectId: string, fromOrganizationId: string, toOrganizationId: string): Promise<boolean> {
  const moved = await tx.project.updateMany({
    where: { id: projectId, organizationId: fromOrganizationId, deletedAt: null },
    data: { organizationId: toOrganizationId },
  });
  if (moved.count === 0) return false;
  await tx.projectMembership.deleteMany({ where: { projectId } });
  await tx.invitation.updateMany({ where: { projectId, acceptedAt: null }, data: { projectId: null, projectRole: null } });
  return true;
}

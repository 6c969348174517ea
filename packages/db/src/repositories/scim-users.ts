import { prisma, type Tx } from "../client.ts";

// Users as SCIM sees them: the members of one organization. Every function takes the organization first.

const SCIM_USER = { id: true, email: true, name: true, createdAt: true, updatedAt: true } as const;
export type ScimUserRow = { id: string; email: string; name: string | null; createdAt: Date; updatedAt: Date };

type MemberWhere = { email?: string; id?: string };

const memberWhere = (organizationId: string, where: MemberWhere) => ({
  organizationId,
  ...(where.email !== undefined || where.id !== undefined
    ? { user: { ...(where.email !== undefined ? { email: where.email.toLowerCase() } : {}), ...(where.id ? { id: where.id } : {}) } }
    : {}),
});

/** A page of the organization's members (oldest membership first, so pages are stable) and their total. */
export async function listOrganizationUsersPage(
  organizationId: string,
  where: MemberWhere,
  page: { skip: number; take: number },
): Promise<{ rows: ScimUserRow[]; total: number }> {
  const filter = memberWhere(organizationId, where);
  const [rows, total] = await Promise.all([
    page.take === 0
      ? []
      : prisma.organizationMembership.findMany({
          where: filter,
          select: { user: { select: SCIM_USER } },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          skip: page.skip,
          take: page.take,
        }),
    prisma.organizationMembership.count({ where: filter }),
  ]);
  return { rows: rows.map((r) => r.user), total };
}

/** The user when they are a member of the organization, with their role. */
export async function findOrganizationUser(organizationId: string, userId: string, db: Tx = prisma) {
  const row = await db.organizationMembership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { role: true, user: { select: SCIM_USER } },
  });
  return row ? { ...row.user, role: row.role } : null;
}

/**
 * The user when this organization's IdP deactivated them (`active: false`) and did not delete them since: the
 * newest `scim.userDeprovisioned`/`scim.userDeleted` row of the organization's audit log for them decides.
 * SCIM still knows such a user, as inactive, and may add them back; any other non-member is unknown here.
 */
export async function findScimDeprovisionedUser(organizationId: string, userId: string): Promise<ScimUserRow | null> {
  const latest = await prisma.auditLog.findFirst({
    where: { organizationId, resourceId: userId, action: { in: ["scim.userDeprovisioned", "scim.userDeleted"] } },
    orderBy: { seq: "desc" },
    select: { action: true },
  });
  if (latest?.action !== "scim.userDeprovisioned") return null;
  return prisma.user.findUnique({ where: { id: userId }, select: SCIM_USER });
}

/** The user of an e-mail, created without a password when there is none (race-safe: ON CONFLICT DO NOTHING). */
export async function findOrCreateUserByEmail(tx: Tx, email: string, name: string | null): Promise<ScimUserRow & { created: boolean }> {
  const normalized = email.toLowerCase();
  const inserted = await tx.user.createMany({ data: [{ email: normalized, name, passwordHash: null }], skipDuplicates: true });
  const user = await tx.user.findUniqueOrThrow({ where: { email: normalized }, select: SCIM_USER });
  return { ...user, created: inserted.count === 1 };
}

/** How many organizations the user belongs to. */
export async function countUserOrganizations(userId: string, db: Tx = prisma): Promise<number> {
  return db.organizationMembership.count({ where: { userId } });
}

export async function setUserName(tx: Tx, userId: string, name: string | null): Promise<ScimUserRow> {
  return tx.user.update({ where: { id: userId }, data: { name }, select: SCIM_USER });
}

import { prisma, type Tx } from "../client.ts";
import type { OrganizationRole } from "../generated/prisma/client.ts";

const USER_FIELDS = { id: true, email: true, name: true, image: true, emailVerified: true, sessionVersion: true } as const;

export async function findUserById(id: string) {
  return prisma.user.findUnique({ where: { id }, select: USER_FIELDS });
}

export async function findUserByEmailForSso(email: string) {
  return prisma.user.findUnique({ where: { email: email.toLowerCase() }, select: USER_FIELDS });
}

/** The user an identity provider's account (provider id + subject) is linked to. */
export async function findUserByAccount(provider: string, providerAccountId: string) {
  const account = await prisma.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { user: { select: USER_FIELDS } },
  });
  return account?.user ?? null;
}

/** A user who signs in through SSO only (no password). */
export async function createSsoUser(data: { email: string; name: string | null; image: string | null; emailVerified: Date | null }) {
  return prisma.user.create({ data: { ...data, email: data.email.toLowerCase(), passwordHash: null }, select: USER_FIELDS });
}

export async function updateUserProfile(id: string, data: { name?: string | null; image?: string | null; emailVerified?: Date | null }) {
  return prisma.user.update({ where: { id }, data, select: USER_FIELDS });
}

/** Links an identity provider's account to a user; tokens are not kept (Loupe calls no IdP API afterwards). */
export async function linkUserAccount(data: { userId: string; type: string; provider: string; providerAccountId: string }) {
  await prisma.account.upsert({
    where: { provider_providerAccountId: { provider: data.provider, providerAccountId: data.providerAccountId } },
    create: data,
    update: {},
  });
}

/**
 * Sets the user's roles in the organizations/projects the group rules manage (null removes them), in one
 * transaction. Unknown (or deleted) organizations and projects are skipped; a project override needs a
 * membership of the project's organization, so it is skipped for people outside it.
 */
/** One role a grant changed: `before`/`after` null = no membership (project: no override). */
export type MembershipChange = {
  organizationId: string;
  projectId: string | null;
  before: OrganizationRole | null;
  after: OrganizationRole | null;
};

export async function applyMembershipGrants(
  userId: string,
  grants: { organizations: Map<string, OrganizationRole | null>; projects: Map<string, OrganizationRole | null> },
  /** Called in the transaction once the grants are written, with what really changed (for the audit log). */
  onChanges?: (tx: Tx, changes: MembershipChange[]) => Promise<void>,
): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      const changes: MembershipChange[] = [];
      const known = await tx.organization.findMany({ where: { id: { in: [...grants.organizations.keys()] } }, select: { id: true } });
      const knownIds = new Set(known.map((o) => o.id));
      for (const [organizationId, role] of grants.organizations) {
        if (!knownIds.has(organizationId)) continue;
        const was = await tx.organizationMembership.findUnique({
          where: { organizationId_userId: { organizationId, userId } },
          select: { role: true },
        });
        if ((was?.role ?? null) !== role) changes.push({ organizationId, projectId: null, before: was?.role ?? null, after: role });
        if (role === null) {
          await tx.organizationMembership.deleteMany({ where: { organizationId, userId } });
          continue;
        }
        await tx.organizationMembership.upsert({
          where: { organizationId_userId: { organizationId, userId } },
          create: { organizationId, userId, role },
          update: { role },
        });
      }
      for (const [projectId, role] of grants.projects) {
        const project = await tx.project.findFirst({ where: { id: projectId, deletedAt: null }, select: { organizationId: true } });
        const was = await tx.projectMembership.findUnique({ where: { projectId_userId: { projectId, userId } }, select: { role: true } });
        if (role === null) {
          await tx.projectMembership.deleteMany({ where: { projectId, userId } });
          if (project && was) changes.push({ organizationId: project.organizationId, projectId, before: was.role, after: null });
          continue;
        }
        if (!project) continue;
        const orgMembership = await tx.organizationMembership.findUnique({
          where: { organizationId_userId: { organizationId: project.organizationId, userId } },
          select: { id: true },
        });
        if (!orgMembership) continue;
        await tx.projectMembership.upsert({
          where: { projectId_userId: { projectId, userId } },
          create: { projectId, userId, orgMembershipId: orgMembership.id, role },
          update: { role },
        });
        if (was?.role !== role) changes.push({ organizationId: project.organizationId, projectId, before: was?.role ?? null, after: role });
      }
      if (changes.length > 0 && onChanges) await onChanges(tx, changes);
      // The audit append waits for the instance-wide chain lock: more than Prisma's 5 s default under load.
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}

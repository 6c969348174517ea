import { prisma } from "../client.ts";
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
export async function applyMembershipGrants(
  userId: string,
  grants: { organizations: Map<string, OrganizationRole | null>; projects: Map<string, OrganizationRole | null> },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const known = await tx.organization.findMany({ where: { id: { in: [...grants.organizations.keys()] } }, select: { id: true } });
    const knownIds = new Set(known.map((o) => o.id));
    for (const [organizationId, role] of grants.organizations) {
      if (!knownIds.has(organizationId)) continue;
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
      if (role === null) {
        await tx.projectMembership.deleteMany({ where: { projectId, userId } });
        continue;
      }
      const project = await tx.project.findFirst({ where: { id: projectId, deletedAt: null }, select: { organizationId: true } });
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
    }
  });
}

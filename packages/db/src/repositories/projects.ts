import { type Tx, prisma } from "../client.ts";
import type { OrganizationRole } from "../generated/prisma/client.ts";

export type { OrganizationRole };

/** Creates an organization with its first project, owned by `ownerUserId`, in one transaction. */
export async function createOrganizationWithProject(
  input: { organizationName: string; projectName: string; ownerUserId: string },
  db?: Tx,
) {
  const create = async (tx: Tx) => {
    const organization = await tx.organization.create({ data: { name: input.organizationName } });
    await tx.organizationMembership.create({
      data: { organizationId: organization.id, userId: input.ownerUserId, role: "OWNER" },
    });
    const project = await tx.project.create({
      data: { organizationId: organization.id, name: input.projectName },
    });
    return { organization, project };
  };
  return db ? create(db) : prisma.$transaction(create);
}

export async function findOrganizationByName(name: string) {
  return prisma.organization.findFirst({ where: { name }, orderBy: { createdAt: "asc" } });
}

export async function findProjectInOrganization(organizationId: string, name: string) {
  return prisma.project.findFirst({ where: { organizationId, name, deletedAt: null } });
}

export async function createProject(organizationId: string, name: string) {
  return prisma.project.create({ data: { organizationId, name } });
}

export async function upsertOrganizationMembership(organizationId: string, userId: string, role: OrganizationRole) {
  return prisma.organizationMembership.upsert({
    where: { organizationId_userId: { organizationId, userId } },
    create: { organizationId, userId, role },
    update: {},
  });
}

export async function getProjectWithOrganization(projectId: string) {
  return prisma.project.findFirst({
    where: { id: projectId, deletedAt: null },
    select: { id: true, name: true, metadata: true, retentionDays: true, organization: { select: { id: true, name: true } } },
  });
}

/** Projects a user can open, with their effective role (a project role overrides the org role). */
export async function listProjectsForUser(userId: string) {
  const memberships = await prisma.organizationMembership.findMany({
    where: { userId },
    select: {
      role: true,
      organization: {
        select: {
          id: true,
          name: true,
          projects: { where: { deletedAt: null }, select: { id: true, name: true }, orderBy: { createdAt: "asc" } },
        },
      },
      projectMemberships: { select: { projectId: true, role: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  return memberships.flatMap((m) =>
    m.organization.projects.map((p) => ({
      id: p.id,
      name: p.name,
      organization: { id: m.organization.id, name: m.organization.name, role: m.role },
      role: m.projectMemberships.find((pm) => pm.projectId === p.id)?.role ?? m.role,
    })),
  );
}

export async function findProjectRole(userId: string, projectId: string): Promise<OrganizationRole | null> {
  const project = await prisma.project.findFirst({
    where: { id: projectId, deletedAt: null },
    select: {
      organization: { select: { memberships: { where: { userId }, select: { role: true } } } },
      memberships: { where: { userId }, select: { role: true } },
    },
  });
  if (!project) return null;
  return project.memberships[0]?.role ?? project.organization.memberships[0]?.role ?? null;
}

/** The user's organization role (per-project overrides do not count here), or null for a non-member. */
export async function findOrganizationRole(userId: string, organizationId: string): Promise<OrganizationRole | null> {
  const row = await prisma.organizationMembership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { role: true },
  });
  return row?.role ?? null;
}

export async function createOrganization(name: string) {
  return prisma.organization.create({ data: { name } });
}

export async function getProjectMaskingSettings(projectId: string) {
  return prisma.project.findUnique({ where: { id: projectId }, select: { piiMaskingEnabled: true, piiMaskingRules: true } });
}

export async function updateProjectMaskingSettings(
  projectId: string,
  data: { piiMaskingEnabled: boolean; piiMaskingRules: unknown[] },
  db: Tx = prisma,
) {
  return db.project.update({
    where: { id: projectId },
    data: { piiMaskingEnabled: data.piiMaskingEnabled, piiMaskingRules: data.piiMaskingRules as object[] },
    select: { piiMaskingEnabled: true, piiMaskingRules: true },
  });
}

/** The members of a project with their effective role (a project role overrides the org role), by name. */
export async function listProjectMembers(projectId: string) {
  const project = await prisma.project.findFirst({
    where: { id: projectId, deletedAt: null },
    select: {
      memberships: { select: { userId: true, role: true } },
      organization: { select: { memberships: { select: { role: true, user: { select: { id: true, name: true, email: true } } } } } },
    },
  });
  if (!project) return [];
  return project.organization.memberships
    .map((m) => ({ ...m.user, role: project.memberships.find((pm) => pm.userId === m.user.id)?.role ?? m.role }))
    .sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email));
}

const ADMIN_PROJECT_SELECT = {
  id: true,
  name: true,
  metadata: true,
  retentionDays: true,
  createdAt: true,
  updatedAt: true,
  organization: { select: { id: true, name: true } },
} as const;

/** A live project of the organization (admin API, settings), or null: another organization's id is not found. */
export async function findOrganizationProject(organizationId: string, projectId: string) {
  return prisma.project.findFirst({ where: { id: projectId, organizationId, deletedAt: null }, select: ADMIN_PROJECT_SELECT });
}

/** The organization's live projects, oldest first. */
export async function listOrganizationProjects(organizationId: string) {
  return prisma.project.findMany({
    where: { organizationId, deletedAt: null },
    orderBy: { createdAt: "asc" },
    select: ADMIN_PROJECT_SELECT,
  });
}

export async function insertProject(
  data: { organizationId: string; name: string; metadata?: Record<string, unknown> | null; retentionDays?: number | null },
  db: Tx = prisma,
) {
  return db.project.create({
    data: { ...data, metadata: (data.metadata ?? undefined) as object | undefined },
    select: ADMIN_PROJECT_SELECT,
  });
}

export async function updateProjectFields(
  projectId: string,
  data: { name?: string; metadata?: Record<string, unknown> | null; retentionDays?: number | null },
  db: Tx = prisma,
) {
  const { metadata, ...rest } = data;
  return db.project.update({
    where: { id: projectId },
    data: { ...rest, ...(metadata === undefined ? {} : { metadata: (metadata ?? {}) as object }) },
    select: ADMIN_PROJECT_SELECT,
  });
}

export async function renameOrganization(organizationId: string, name: string, db: Tx = prisma) {
  return db.organization.update({ where: { id: organizationId }, data: { name }, select: { id: true, name: true } });
}

export async function findOrganization(organizationId: string) {
  return prisma.organization.findUnique({ where: { id: organizationId }, select: { id: true, name: true } });
}

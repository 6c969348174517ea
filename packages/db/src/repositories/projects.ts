import { effectiveProjectRole } from "@loupe/domain";
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
    m.organization.projects.flatMap((p) => {
      const role = effectiveProjectRole(m.role, projectRoleOf(m.projectMemberships.find((pm) => pm.projectId === p.id)));
      return role
        ? [{ id: p.id, name: p.name, organization: { id: m.organization.id, name: m.organization.name, role: m.role }, role }]
        : [];
    }),
  );
}

/** A stored per-project role; NONE is an organization role only, so a stored NONE counts as no override. */
const projectRoleOf = (row: { role: OrganizationRole } | undefined) => (row && row.role !== "NONE" ? row.role : null);

/** The user's effective role in a project (effectiveProjectRole), or null when they may not open it. */
export async function findProjectRole(userId: string, projectId: string): Promise<Exclude<OrganizationRole, "NONE"> | null> {
  const project = await prisma.project.findFirst({
    where: { id: projectId, deletedAt: null },
    select: {
      organization: { select: { memberships: { where: { userId }, select: { role: true } } } },
      memberships: { where: { userId }, select: { role: true } },
    },
  });
  const orgRole = project?.organization.memberships[0]?.role;
  if (!project || !orgRole) return null;
  return effectiveProjectRole(orgRole, projectRoleOf(project.memberships[0]));
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

/**
 * Every member of a project's organization with their organization role, project role (override) and
 * effective role (null: no access to the project), by name.
 */
export async function listProjectMembersWithRoles(projectId: string) {
  const project = await prisma.project.findFirst({
    where: { id: projectId, deletedAt: null },
    select: {
      memberships: { select: { userId: true, role: true } },
      organization: { select: { memberships: { select: { role: true, user: { select: { id: true, name: true, email: true } } } } } },
    },
  });
  if (!project) return [];
  return project.organization.memberships
    .map((m) => {
      const projectRole = projectRoleOf(project.memberships.find((pm) => pm.userId === m.user.id));
      return { ...m.user, organizationRole: m.role, projectRole, role: effectiveProjectRole(m.role, projectRole) };
    })
    .sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email));
}

/** The people who can open a project, with their effective role, by name. */
export async function listProjectMembers(projectId: string) {
  return (await listProjectMembersWithRoles(projectId)).flatMap(({ id, name, email, role }) => (role ? [{ id, name, email, role }] : []));
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

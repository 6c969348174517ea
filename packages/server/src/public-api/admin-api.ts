import type {
  TAdminCreateApiKeyBody,
  TAdminCreateProjectBody,
  TAdminUpdateProjectBody,
  TApiKeyList,
  TApiKeyResponse,
  TMembershipDeletionResponse,
  TMembershipRequest,
  TMembershipResponse,
  TMembershipsResponse,
  TOrganizationMember,
  TProjectMember,
  TProjectMembershipRequest,
  TOrganizationProjectsResponse,
  TProjectDeletionResponse,
  TPublicProject,
} from "@loupe/contracts";
import {
  findOrganizationMembership,
  findOrganizationProject,
  findProjectOverride,
  listApiKeys,
  listOrganizationProjects,
  prisma,
} from "@loupe/db";
import type { AuditContext } from "../audit/audit.ts";
import { DomainError, notFound } from "../errors.ts";
import {
  type ChangeActor,
  listMembersOfOrganization,
  listMembersOfProject,
  putOrganizationMember,
  removeMemberFromOrganization,
  setProjectMemberRole,
} from "../members/members.ts";
import { toPublicApiKeySummary } from "../projects/api-key-rows.ts";
import { createProjectApiKey, revokeProjectApiKey } from "../projects/project-api-keys.ts";
import { createOrganizationProject, requestProjectDeletion, updateOrganizationProject } from "../projects/project-lifecycle.ts";

// Langfuse's admin endpoints, called with an organization API key: every project id is looked up in the
// key's organization, so another organization's project is a 404.

type ProjectRow = Pick<
  NonNullable<Awaited<ReturnType<typeof findOrganizationProject>>>,
  "id" | "name" | "metadata" | "retentionDays" | "organization"
>;

const asObject = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Langfuse's `Project`; `retentionDays` only when one is set. */
export const toPublicProject = (p: ProjectRow): TPublicProject => ({
  id: p.id,
  name: p.name,
  organization: { id: p.organization.id, name: p.organization.name },
  metadata: asObject(p.metadata),
  ...(p.retentionDays ? { retentionDays: p.retentionDays } : {}),
});

/** 0 keeps data forever: stored as no retention. */
const retentionDays = (retention: number | null | undefined) => (retention === undefined ? undefined : retention || null);

async function requireOrganizationProject(organizationId: string, projectId: string): Promise<ProjectRow> {
  const project = await findOrganizationProject(organizationId, projectId);
  if (!project) throw notFound("Project");
  return project;
}

export async function adminListOrganizationProjects(organizationId: string): Promise<TOrganizationProjectsResponse> {
  return {
    projects: (await listOrganizationProjects(organizationId)).map((p) => ({
      id: p.id,
      name: p.name,
      metadata: asObject(p.metadata),
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    })),
  };
}

export async function adminCreateProject(
  organizationId: string,
  body: TAdminCreateProjectBody,
  audit: AuditContext,
): Promise<TPublicProject> {
  const project = await createOrganizationProject(
    organizationId,
    { name: body.name, metadata: body.metadata ?? null, retentionDays: retentionDays(body.retention) ?? null },
    audit,
  );
  return toPublicProject(project);
}

export async function adminUpdateProject(
  organizationId: string,
  projectId: string,
  body: TAdminUpdateProjectBody,
  audit: AuditContext,
): Promise<TPublicProject> {
  const project = await updateOrganizationProject(
    organizationId,
    projectId,
    { name: body.name, metadata: body.metadata, retentionDays: retentionDays(body.retention) },
    audit,
  );
  return toPublicProject(project);
}

export async function adminDeleteProject(
  organizationId: string,
  projectId: string,
  audit: AuditContext,
): Promise<TProjectDeletionResponse> {
  await requestProjectDeletion(organizationId, projectId, audit);
  return { success: true, message: "Project deletion has been initiated and is being processed asynchronously" };
}

/** The project's live keys, oldest first (Langfuse's order). */
export async function adminListProjectApiKeys(organizationId: string, projectId: string): Promise<TApiKeyList> {
  await requireOrganizationProject(organizationId, projectId);
  const keys = (await listApiKeys(projectId)).filter((k) => k.revokedAt === null).reverse();
  return { apiKeys: keys.map(toPublicApiKeySummary) };
}

export async function adminCreateProjectApiKey(
  organizationId: string,
  projectId: string,
  body: TAdminCreateApiKeyBody,
  audit: AuditContext,
): Promise<TApiKeyResponse> {
  await requireOrganizationProject(organizationId, projectId);
  const predefined = body.publicKey && body.secretKey ? { publicKey: body.publicKey, secretKey: body.secretKey } : undefined;
  const key = await createProjectApiKey(projectId, { note: body.note ?? undefined }, audit, predefined);
  return {
    id: key.id,
    createdAt: key.createdAt,
    publicKey: key.publicKey,
    secretKey: key.secretKey,
    displaySecretKey: key.displaySecretKey,
    note: key.note,
  };
}

/** Langfuse deletes the key; Loupe revokes it (it stays listed as revoked in the UI, and never authenticates again). */
export async function adminDeleteProjectApiKey(organizationId: string, projectId: string, apiKeyId: string, audit: AuditContext) {
  await requireOrganizationProject(organizationId, projectId);
  await revokeProjectApiKey(projectId, apiKeyId, audit);
  return { success: true };
}

// Memberships. The organization key is the organization's own admin credential: it acts as an OWNER, under
// the members page's rules (the last OWNER stays; removing a member ends their sessions).

const asKeyActor = (audit: AuditContext): ChangeActor => ({ role: "OWNER", audit });

const toMembership = (m: TOrganizationMember | TProjectMember, role: TMembershipResponse["role"]): TMembershipResponse => ({
  userId: m.userId,
  role,
  email: m.email,
  name: m.name ?? "",
});

export async function adminListOrganizationMemberships(organizationId: string): Promise<TMembershipsResponse> {
  return { memberships: (await listMembersOfOrganization(organizationId)).map((m) => toMembership(m, m.role)) };
}

export async function adminPutOrganizationMembership(
  organizationId: string,
  body: TMembershipRequest,
  audit: AuditContext,
): Promise<TMembershipResponse> {
  const member = await putOrganizationMember(organizationId, body.userId, body.role, asKeyActor(audit));
  return toMembership(member, member.role);
}

/** Like Langfuse, removing someone who is not a member succeeds (the end state is the one asked for). */
export async function adminDeleteOrganizationMembership(
  organizationId: string,
  userId: string,
  audit: AuditContext,
): Promise<TMembershipDeletionResponse> {
  if (!(await findOrganizationMembership(organizationId, userId)))
    return { message: "The user is not a member of this organization", userId };
  await removeMemberFromOrganization(organizationId, userId, asKeyActor(audit));
  return { message: "Membership deleted successfully", userId };
}

/** A project's memberships are its per-project roles (overrides of the organization role), as in Langfuse. */
export async function adminListProjectMemberships(organizationId: string, projectId: string): Promise<TMembershipsResponse> {
  await requireOrganizationProject(organizationId, projectId);
  const members = await listMembersOfProject(projectId);
  return { memberships: members.flatMap((m) => (m.projectRole ? [toMembership(m, m.projectRole)] : [])) };
}

export async function adminPutProjectMembership(
  organizationId: string,
  projectId: string,
  body: TProjectMembershipRequest,
  audit: AuditContext,
): Promise<TMembershipResponse> {
  await requireOrganizationProject(organizationId, projectId);
  const member = await setProjectMemberRole(projectId, body.userId, body.role, asKeyActor(audit));
  return toMembership(member, body.role);
}

export async function adminDeleteProjectMembership(
  organizationId: string,
  projectId: string,
  userId: string,
  audit: AuditContext,
): Promise<TMembershipDeletionResponse> {
  await requireOrganizationProject(organizationId, projectId);
  if (!(await findProjectOverride(prisma, projectId, userId)))
    throw new DomainError(404, "Project membership not found: the user has no role of its own in this project", "NotFound");
  await setProjectMemberRole(projectId, userId, null, asKeyActor(audit));
  return { message: "Project membership deleted successfully", userId };
}

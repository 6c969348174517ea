import type { TCreateOrganizationBody } from "@loupe/contracts";
import { createOrganizationWithProject, findOrganization, listUserOrganizations, prisma, renameOrganization } from "@loupe/db";
import { organizationCan } from "@loupe/domain";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { allowedOrganizationCreators } from "../env.ts";
import { forbidden, notFound } from "../errors.ts";

/** Whether `email` may create organizations (`LANGFUSE_ALLOWED_ORGANIZATION_CREATORS`; unset: everyone). */
export function mayCreateOrganizations(email: string): boolean {
  const allowed = allowedOrganizationCreators();
  return allowed === null || allowed.has(email.trim().toLowerCase());
}

/**
 * What the organization settings page offers this person besides the current organization: creating
 * another one (the allowlist), and the other organizations they manage, where a project can move.
 */
export async function organizationChoicesFor(user: { id: string; email: string }, currentOrganizationId: string) {
  const organizations = await listUserOrganizations(user.id);
  return {
    mayCreateOrganizations: mayCreateOrganizations(user.email),
    moveTargets: organizations
      .filter((o) => o.id !== currentOrganizationId && o.role !== "NONE" && organizationCan(o.role, "organization:manage"))
      .map(({ id, name }) => ({ id, name })),
  };
}

/** A new organization with its first project, owned by the user (onboarding, Settings → Organization). */
export async function createOrganizationForUser(user: { id: string; email: string }, body: TCreateOrganizationBody, audit: AuditContext) {
  if (!mayCreateOrganizations(user.email)) {
    throw forbidden(
      "This instance lets only the people in LANGFUSE_ALLOWED_ORGANIZATION_CREATORS create organizations. Ask an administrator to invite you.",
    );
  }
  const { organization, project } = await prisma.$transaction(async (tx) => {
    const created = await createOrganizationWithProject(
      { organizationName: body.organizationName, projectName: body.projectName, ownerUserId: user.id },
      tx,
    );
    await recordAudit(tx, audit, {
      action: "organization.created",
      organizationId: created.organization.id,
      resource: { type: "organization", id: created.organization.id },
      after: { name: created.organization.name },
    });
    await recordAudit(tx, audit, {
      action: "project.created",
      organizationId: created.organization.id,
      projectId: created.project.id,
      resource: { type: "project", id: created.project.id },
      after: { name: created.project.name },
    });
    return created;
  });
  return { organizationId: organization.id, projectId: project.id };
}

/** Renames an organization (the route checked `organization:manage`). */
export async function renameOrganizationAs(organizationId: string, name: string, audit: AuditContext) {
  const before = await findOrganization(organizationId);
  if (!before) throw notFound("Organization");
  if (before.name === name) return before;
  return prisma.$transaction(async (tx) => {
    const after = await renameOrganization(organizationId, name, tx);
    await recordAudit(tx, audit, {
      action: "organization.renamed",
      organizationId,
      resource: { type: "organization", id: organizationId },
      before: { name: before.name },
      after: { name: after.name },
    });
    return after;
  });
}

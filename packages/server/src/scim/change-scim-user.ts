import type { TScimPatchBody, TScimUser, TScimUserBody } from "@loupe/contracts";
import { countUserOrganizations, setUserName } from "@loupe/db";
import { type ScimUserChange, scimPatchChange, scimUserBodyChange } from "@loupe/domain";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { DomainError } from "../errors.ts";
import { changeOrganizationMemberRole, inOrganization, removeMemberFromOrganization } from "../members/members.ts";
import { addScimMember, SCIM_DEFAULT_ROLE } from "./provision-scim-user.ts";
import { findScimUser } from "./read-scim-users.ts";
import { scimError, toScimUser } from "./scim-user-dto.ts";

// The organization key acts with OWNER's rights (Langfuse's admin API), so the members service's only refusal
// left is the last OWNER, which SCIM answers 403 as Langfuse does.
const keyActor = (audit: AuditContext) => ({ role: "OWNER" as const, audit });

async function asScimRefusal<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DomainError && error.status === 409) throw scimError(403, error.message);
    throw error;
  }
}

/**
 * Applies what a PATCH or PUT asks: active false removes the membership (sessions end, the last OWNER stays),
 * active true adds back someone this organization's IdP removed, `roles` sets the organization role, a name
 * renames the user only when this organization is their only one (the user row is shared between
 * organizations). userName is the sign-in e-mail and cannot change through SCIM.
 */
async function applyScimChange(organizationId: string, userId: string, change: ScimUserChange, audit: AuditContext): Promise<TScimUser> {
  const { user, member } = await findScimUser(organizationId, userId);
  if (change.userName !== undefined && change.userName.trim().toLowerCase() !== user.email)
    throw scimError(400, {
      scimType: "mutability",
      detail: `userName is the user's sign-in e-mail (${user.email}) and cannot change through SCIM; provision the new address as a new user`,
    });
  if (change.active === false) {
    if (member) await asScimRefusal(() => removeMemberFromOrganization(organizationId, userId, keyActor(audit), "scim.userDeprovisioned"));
    return toScimUser(user, false);
  }
  if (!member) {
    if (change.active !== true) return toScimUser(user, false);
    await inOrganization(organizationId, (tx) => addScimMember(tx, organizationId, user, change.role ?? SCIM_DEFAULT_ROLE, audit));
    return toScimUser(user, true);
  }
  if (change.role !== undefined && change.role !== member.role)
    await asScimRefusal(() =>
      changeOrganizationMemberRole(organizationId, userId, change.role as NonNullable<typeof change.role>, keyActor(audit)),
    );
  if (change.name === undefined || change.name === user.name || (await countUserOrganizations(userId)) > 1) return toScimUser(user, true);
  const renamed = await inOrganization(organizationId, async (tx) => {
    const row = await setUserName(tx, userId, change.name ?? null);
    await recordAudit(tx, audit, {
      action: "scim.userUpdated",
      organizationId,
      resource: { type: "user", id: userId },
      before: { name: user.name },
      after: { name: row.name },
    });
    return row;
  });
  return toScimUser(renamed, true);
}

/** PATCH /Users/{id}: a PatchOp in Okta's or Entra ID's dialect. */
export async function patchScimUser(organizationId: string, userId: string, body: TScimPatchBody, audit: AuditContext) {
  const change = scimPatchChange(body.Operations);
  if (!change.ok) throw scimError(400, change.problem);
  return applyScimChange(organizationId, userId, change.value, audit);
}

/** PUT /Users/{id} (Okta): the whole user; omitted `roles` keep the role, so a periodic full sync changes nothing. */
export async function replaceScimUser(organizationId: string, userId: string, body: TScimUserBody, audit: AuditContext) {
  return applyScimChange(organizationId, userId, scimUserBodyChange(body), audit);
}

/**
 * DELETE /Users/{id}: removes the membership (if any) and forgets the user: afterwards their id is a 404 here
 * and only a new POST adds them again.
 */
export async function deleteScimUser(organizationId: string, userId: string, audit: AuditContext): Promise<void> {
  const { user, member } = await findScimUser(organizationId, userId);
  if (member) {
    await asScimRefusal(() => removeMemberFromOrganization(organizationId, userId, keyActor(audit), "scim.userDeleted"));
    return;
  }
  await recordAudit(undefined, audit, {
    action: "scim.userDeleted",
    organizationId,
    resource: { type: "organizationMembership", id: userId },
    before: { role: null, email: user.email },
    after: null,
  });
}

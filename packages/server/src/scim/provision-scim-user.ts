import type { TOrganizationRole, TScimUser, TScimUserBody } from "@loupe/contracts";
import { ensureOrganizationMembership, findOrCreateUserByEmail, type ScimUserRow, type Tx } from "@loupe/db";
import { scimUserBodyChange } from "@loupe/domain";
import { z } from "zod";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { inOrganization } from "../members/members.ts";
import { scimError, toScimUser } from "./scim-user-dto.ts";

/** Langfuse's default: a provisioned person gets NONE (in the organization, in no project) unless `roles` names one. */
export const SCIM_DEFAULT_ROLE: TOrganizationRole = "NONE";

/** Adds the user to the organization inside `tx` (under the organization's lock); 409 uniqueness when a member. */
export async function addScimMember(
  tx: Tx,
  organizationId: string,
  user: ScimUserRow & { created?: boolean },
  role: TOrganizationRole,
  audit: AuditContext,
): Promise<void> {
  const membership = await ensureOrganizationMembership(tx, organizationId, user.id, role);
  if (membership.before !== null)
    throw scimError(409, { scimType: "uniqueness", detail: `User with userName ${user.email} is already a member of the organization` });
  await recordAudit(tx, audit, {
    action: "scim.userProvisioned",
    organizationId,
    resource: { type: "organizationMembership", id: user.id },
    after: { role, email: user.email, userCreated: user.created ?? false },
  });
}

/**
 * POST /Users: finds the user of the e-mail (`userName`) or creates one without a password (they sign in by
 * SSO, or set a password through a reset link), and adds them to the key's organization. An existing user's
 * name is left as it is: the user row is shared with their other organizations.
 */
export async function createScimUser(organizationId: string, body: TScimUserBody, audit: AuditContext): Promise<TScimUser> {
  const email = z.email().safeParse(body.userName);
  if (!email.success)
    throw scimError(400, {
      scimType: "invalidValue",
      detail: "userName must be the user's e-mail address (Loupe signs people in by e-mail): map userName to the e-mail in your IdP",
    });
  const change = scimUserBodyChange(body);
  if (change.active === false)
    throw scimError(400, {
      scimType: "invalidValue",
      detail: "active: false on create: Loupe adds only active users; omit it or send true",
    });
  const user = await inOrganization(organizationId, async (tx) => {
    const found = await findOrCreateUserByEmail(tx, email.data, change.name ?? null);
    await addScimMember(tx, organizationId, found, change.role ?? SCIM_DEFAULT_ROLE, audit);
    return found;
  });
  return toScimUser(user, true);
}

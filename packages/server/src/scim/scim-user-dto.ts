import { SCIM_SCHEMAS, type TScimUser } from "@loupe/contracts";
import type { ScimUserRow } from "@loupe/db";
import type { ScimProblem } from "@loupe/domain";
import { DomainError } from "../errors.ts";

/** A Loupe user as a SCIM User; `active` is whether they are a member of the key's organization. */
export const toScimUser = (user: ScimUserRow, active: boolean): TScimUser => ({
  schemas: [SCIM_SCHEMAS.user],
  id: user.id,
  userName: user.email,
  name: { formatted: user.name },
  displayName: user.name,
  emails: [{ value: user.email, primary: true, type: "work" }],
  active,
  meta: {
    resourceType: "User",
    created: user.createdAt.toISOString(),
    lastModified: user.updatedAt.toISOString(),
    location: `/api/public/scim/Users/${user.id}`,
  },
});

/** A SCIM error: its `scimType` travels as the DomainError code (the SCIM routes' error shape reads it). */
export const scimError = (status: 400 | 403 | 404 | 409, problem: ScimProblem | string) =>
  typeof problem === "string"
    ? new DomainError(status, problem, status === 404 ? "NotFound" : "InvalidRequest")
    : new DomainError(status, problem.detail, problem.scimType);

export const userNotFound = () => scimError(404, "User not found in the organization");

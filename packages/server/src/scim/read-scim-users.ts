import { SCIM_SCHEMAS, type TScimListUsersQuery, type TScimUser, type TScimUserList } from "@loupe/contracts";
import { findOrganizationUser, findScimDeprovisionedUser, listOrganizationUsersPage } from "@loupe/db";
import { parseScimFilter } from "@loupe/domain";
import { scimError, toScimUser, userNotFound } from "./scim-user-dto.ts";

/** GET /Users: the organization's members, filtered by `userName eq "…"` (what IdPs send before a create). */
export async function listScimUsers(organizationId: string, query: TScimListUsersQuery): Promise<TScimUserList> {
  let where = {};
  if (query.filter !== undefined && query.filter.trim() !== "") {
    const filter = parseScimFilter(query.filter);
    if (!filter.ok) throw scimError(400, filter.problem);
    where = filter.value.by === "email" ? { email: filter.value.value } : { id: filter.value.value };
  }
  const { rows, total } = await listOrganizationUsersPage(organizationId, where, { skip: query.startIndex - 1, take: query.count });
  return {
    schemas: [SCIM_SCHEMAS.listResponse],
    totalResults: total,
    startIndex: query.startIndex,
    itemsPerPage: rows.length,
    Resources: rows.map((row) => toScimUser(row, true)),
  };
}

/**
 * The user as this organization's SCIM knows them: a member (active), or someone its IdP removed (inactive,
 * so a reactivation finds them); anyone else, whatever other organization they are in, is a 404.
 */
export async function findScimUser(organizationId: string, userId: string) {
  const member = await findOrganizationUser(organizationId, userId);
  if (member) return { user: member, member };
  const removed = await findScimDeprovisionedUser(organizationId, userId);
  if (removed) return { user: removed, member: null };
  throw userNotFound();
}

export async function getScimUser(organizationId: string, userId: string): Promise<TScimUser> {
  const { user, member } = await findScimUser(organizationId, userId);
  return toScimUser(user, member !== null);
}

export { deleteScimUser, patchScimUser, replaceScimUser } from "./change-scim-user.ts";
export { createScimUser } from "./provision-scim-user.ts";
export { getScimUser, listScimUsers } from "./read-scim-users.ts";

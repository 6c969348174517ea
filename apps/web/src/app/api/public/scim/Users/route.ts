import { ZScimListUsersQuery, ZScimUser, ZScimUserBody, ZScimUserList } from "@loupe/contracts";
import { createScimUser, listScimUsers } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";
import { scimErrorResponse, scimJson } from "@/lib/server/scim";

export const GET = defineRoute({
  auth: { kind: "organizationKey", bearerKeyPair: true },
  errorAnswer: scimErrorResponse,
  query: ZScimListUsersQuery,
  response: ZScimUserList,
  handler: async ({ auth, query }) => scimJson(await listScimUsers(auth.organizationId, query)),
});

export const POST = defineRoute({
  auth: { kind: "organizationKey", bearerKeyPair: true },
  errorAnswer: scimErrorResponse,
  body: ZScimUserBody,
  response: ZScimUser,
  handler: async ({ auth, body }) => {
    const user = await createScimUser(auth.organizationId, body, auth.audit);
    return scimJson(user, 201, { location: user.meta.location });
  },
});

export const OPTIONS = corsPreflight;

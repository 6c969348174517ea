import { ZScimPatchBody, ZScimUser, ZScimUserBody, ZScimUserParams } from "@loupe/contracts";
import { deleteScimUser, getScimUser, patchScimUser, replaceScimUser } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";
import { scimErrorResponse, scimJson } from "@/lib/server/scim";

const scim = { auth: { kind: "organizationKey", bearerKeyPair: true }, errorAnswer: scimErrorResponse, params: ZScimUserParams } as const;

export const GET = defineRoute({
  ...scim,
  response: ZScimUser,
  handler: async ({ auth, params }) => scimJson(await getScimUser(auth.organizationId, params.id)),
});

/** Okta deactivates with PATCH `{op:"replace", value:{active:false}}`, Entra ID with `{op:"Replace", path:"active", value:"False"}`. */
export const PATCH = defineRoute({
  ...scim,
  body: ZScimPatchBody,
  response: ZScimUser,
  handler: async ({ auth, params, body }) => scimJson(await patchScimUser(auth.organizationId, params.id, body, auth.audit)),
});

export const PUT = defineRoute({
  ...scim,
  body: ZScimUserBody,
  response: ZScimUser,
  handler: async ({ auth, params, body }) => scimJson(await replaceScimUser(auth.organizationId, params.id, body, auth.audit)),
});

export const DELETE = defineRoute({
  ...scim,
  handler: async ({ auth, params }) => {
    await deleteScimUser(auth.organizationId, params.id, auth.audit);
    return new Response(null, { status: 204 });
  },
});

export const OPTIONS = corsPreflight;

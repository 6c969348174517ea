import { ZApiKeySummaries, ZCreateApiKeyBody, ZCreatedApiKey } from "@loupe/contracts";
import { createOrganizationKey, listOrganizationKeys } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "organization", can: "organization:manage" },
  response: ZApiKeySummaries,
  handler: ({ auth }) => listOrganizationKeys(auth.organizationId),
});

export const POST = defineRoute({
  auth: { kind: "organization", can: "organization:manage" },
  body: ZCreateApiKeyBody,
  response: ZCreatedApiKey,
  handler: async ({ auth, body }) => json(await createOrganizationKey(auth.organizationId, body, auth.audit), 201),
});

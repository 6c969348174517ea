import { ZApiKeySummaries, ZCreateApiKeyBody, ZCreatedApiKey } from "@loupe/contracts";
import { createProjectApiKey, listProjectApiKeys } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  response: ZApiKeySummaries,
  handler: ({ auth }) => listProjectApiKeys(auth.projectId),
});

export const POST = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  body: ZCreateApiKeyBody,
  response: ZCreatedApiKey,
  handler: async ({ auth, body }) => json(await createProjectApiKey(auth.projectId, body, auth.audit), 201),
});

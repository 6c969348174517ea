import { ZCreateApiKeyBody } from "@loupe/contracts";
import { createProjectApiKey, listProjectApiKeys } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  handler: ({ auth }) => listProjectApiKeys(auth.projectId),
});

export const POST = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  body: ZCreateApiKeyBody,
  handler: async ({ auth, body }) => json(await createProjectApiKey(auth.projectId, body.note, auth.audit), 201),
});

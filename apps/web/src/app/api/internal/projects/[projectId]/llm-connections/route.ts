import { ZUpsertLlmConnectionBody } from "@loupe/contracts";
import { createLlmConnection, listPlaygroundConnections } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

/** Members may see (masked) and use connections; only admins manage them. */
export const GET = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  handler: ({ auth }) => listPlaygroundConnections(auth.projectId),
});

export const POST = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  body: ZUpsertLlmConnectionBody,
  handler: async ({ auth, body }) => json(await createLlmConnection(auth.projectId, body, auth.audit), 201),
});

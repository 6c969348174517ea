import { ZCreatePromptBody, ZPromptListQuery } from "@loupe/contracts";
import { createPromptVersion, listPromptsPage } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  query: ZPromptListQuery,
  handler: ({ auth, query }) => listPromptsPage(auth.projectId, query),
});

export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  body: ZCreatePromptBody,
  handler: async ({ auth, body }) =>
    json(await createPromptVersion(auth.projectId, { kind: "user", userId: auth.user.id, role: auth.role }, body, auth.audit), 201),
});

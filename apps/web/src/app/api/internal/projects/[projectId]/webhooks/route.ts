import { ZCreateWebhookBody } from "@loupe/contracts";
import { createWebhook, listWebhooks } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

/** Only admins see and manage webhooks: a URL (Slack's) can carry a token. */
export const GET = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  handler: ({ auth }) => listWebhooks(auth.projectId, { userId: auth.user.id, role: auth.role }),
});

export const POST = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  body: ZCreateWebhookBody,
  handler: async ({ auth, body }) => json(await createWebhook(auth.projectId, { userId: auth.user.id, role: auth.role }, body), 201),
});

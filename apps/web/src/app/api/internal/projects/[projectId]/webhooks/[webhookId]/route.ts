import { ZUpdateWebhookBody, ZWebhookParams } from "@loupe/contracts";
import { deleteWebhook, updateWebhook } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const PATCH = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  params: ZWebhookParams,
  body: ZUpdateWebhookBody,
  handler: ({ auth, params, body }) => updateWebhook(auth.projectId, { userId: auth.user.id, role: auth.role }, params.webhookId, body),
});

export const DELETE = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  params: ZWebhookParams,
  handler: async ({ auth, params }) => {
    await deleteWebhook(auth.projectId, { userId: auth.user.id, role: auth.role }, params.webhookId, auth.audit);
    return new Response(null, { status: 204 });
  },
});

import { ZWebhookParams } from "@loupe/contracts";
import { sendWebhookTestEvent } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

/** "Send test event": queues a `ping` delivery and answers it (pending). */
export const POST = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  params: ZWebhookParams,
  handler: async ({ auth, params }) =>
    json(await sendWebhookTestEvent(auth.projectId, { userId: auth.user.id, role: auth.role }, params.webhookId), 202),
});

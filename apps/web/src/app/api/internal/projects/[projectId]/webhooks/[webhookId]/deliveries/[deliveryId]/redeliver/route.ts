import { ZWebhookDeliveryParams } from "@loupe/contracts";
import { redeliverWebhook } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

export const POST = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  params: ZWebhookDeliveryParams,
  handler: async ({ auth, params }) =>
    json(await redeliverWebhook(auth.projectId, { userId: auth.user.id, role: auth.role }, params.webhookId, params.deliveryId), 202),
});

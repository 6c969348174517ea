import { ZWebhookDeliveriesQuery, ZWebhookParams } from "@loupe/contracts";
import { listWebhookDeliveries } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  params: ZWebhookParams,
  query: ZWebhookDeliveriesQuery,
  handler: ({ auth, params, query }) =>
    listWebhookDeliveries(auth.projectId, { userId: auth.user.id, role: auth.role }, params.webhookId, query),
});

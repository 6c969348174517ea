import { ZAddDashboardWidgetBody, ZDashboardIdParams, ZDashboardWithWidgets } from "@loupe/contracts";
import { addDashboardWidget } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

/** Create a widget and place it on this dashboard. */
export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: ZDashboardIdParams,
  body: ZAddDashboardWidgetBody,
  response: ZDashboardWithWidgets,
  handler: async ({ auth, params, body }) =>
    json(await addDashboardWidget(auth.projectId, { kind: "user", userId: auth.user.id, role: auth.role }, params.dashboardId, body), 201),
});

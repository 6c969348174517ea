import { ZDashboard, ZDashboardIdParams } from "@loupe/contracts";
import { duplicateDashboard } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: ZDashboardIdParams,
  response: ZDashboard,
  handler: async ({ auth, params }) =>
    json(await duplicateDashboard(auth.projectId, { kind: "user", userId: auth.user.id, role: auth.role }, params.dashboardId), 201),
});

import { ZDashboard, ZDashboardIdParams, ZDashboardWithWidgets, ZDeleted, ZUpdateDashboardBody } from "@loupe/contracts";
import { deleteDashboard, getDashboardWithWidgets, updateDashboard } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  params: ZDashboardIdParams,
  response: ZDashboardWithWidgets,
  handler: ({ auth, params }) => getDashboardWithWidgets(auth.projectId, params.dashboardId),
});

/** Rename, describe, arrange (definition) or filter. */
export const PATCH = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: ZDashboardIdParams,
  body: ZUpdateDashboardBody,
  response: ZDashboard,
  handler: ({ auth, params, body }) =>
    updateDashboard(auth.projectId, { kind: "user", userId: auth.user.id, role: auth.role }, params.dashboardId, body),
});

export const DELETE = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: ZDashboardIdParams,
  response: ZDeleted,
  handler: ({ auth, params }) =>
    deleteDashboard(auth.projectId, { kind: "user", userId: auth.user.id, role: auth.role }, params.dashboardId, auth.audit),
});

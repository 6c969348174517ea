import { ZDashboard, ZDashboardIdParams, ZDeleted, ZUpdateDashboardBody } from "@loupe/contracts";
import { deleteDashboard, getDashboard, updateDashboard } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  params: ZDashboardIdParams,
  response: ZDashboard,
  handler: ({ auth, params }) => getDashboard(auth.projectId, params.dashboardId),
});

export const PATCH = defineRoute({
  auth: { kind: "apiKey" },
  params: ZDashboardIdParams,
  body: ZUpdateDashboardBody,
  response: ZDashboard,
  handler: ({ auth, params, body }) => updateDashboard(auth.projectId, { kind: "apiKey" }, params.dashboardId, body),
});

export const DELETE = defineRoute({
  auth: { kind: "apiKey" },
  params: ZDashboardIdParams,
  response: ZDeleted,
  handler: ({ auth, params }) => deleteDashboard(auth.projectId, { kind: "apiKey" }, params.dashboardId, auth.audit),
});

export const OPTIONS = corsPreflight;

import { ZDashboardWithWidgets, ZUpdateWidgetBody, ZWidget } from "@loupe/contracts";
import { removeDashboardWidget, updateWidget } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

const ZParams = z.object({ projectId: z.string(), dashboardId: z.string().min(1).max(100), widgetId: z.string().min(1).max(100) });

export const PATCH = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: ZParams,
  body: ZUpdateWidgetBody,
  response: ZWidget,
  handler: ({ auth, params, body }) =>
    updateWidget(auth.projectId, { kind: "user", userId: auth.user.id, role: auth.role }, params.widgetId, body),
});

/** Remove from this dashboard (and delete the widget when no other dashboard places it). */
export const DELETE = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: ZParams,
  response: ZDashboardWithWidgets,
  handler: ({ auth, params }) =>
    removeDashboardWidget(auth.projectId, { kind: "user", userId: auth.user.id, role: auth.role }, params.dashboardId, params.widgetId),
});

import { ZCreateWidgetBody, ZPageQuery, ZWidget, ZWidgetList } from "@loupe/contracts";
import { createWidget, listWidgets } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

// Langfuse's unstable dashboard-widgets API (openapi.yml `unstable_dashboardWidgets_*`).

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZPageQuery,
  response: ZWidgetList,
  handler: ({ auth, query }) => listWidgets(auth.projectId, query),
});

export const POST = defineRoute({
  auth: { kind: "apiKey" },
  body: ZCreateWidgetBody,
  response: ZWidget,
  handler: ({ auth, body }) => createWidget(auth.projectId, { kind: "apiKey" }, body),
});

export const OPTIONS = corsPreflight;

import { ZDeleted, ZUpdateWidgetBody, ZWidget, ZWidgetIdParams } from "@loupe/contracts";
import { deleteWidget, getWidget, updateWidget } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  params: ZWidgetIdParams,
  response: ZWidget,
  handler: ({ auth, params }) => getWidget(auth.projectId, params.widgetId),
});

export const PATCH = defineRoute({
  auth: { kind: "apiKey" },
  params: ZWidgetIdParams,
  body: ZUpdateWidgetBody,
  response: ZWidget,
  handler: ({ auth, params, body }) => updateWidget(auth.projectId, { kind: "apiKey" }, params.widgetId, body),
});

/** 409 while a dashboard still places the widget. */
export const DELETE = defineRoute({
  auth: { kind: "apiKey" },
  params: ZWidgetIdParams,
  response: ZDeleted,
  handler: ({ auth, params }) => deleteWidget(auth.projectId, { kind: "apiKey" }, params.widgetId),
});

export const OPTIONS = corsPreflight;

import { ZSavedView, ZSavedViewParams, ZUpdateSavedViewBody } from "@loupe/contracts";
import { deleteSavedView, updateSavedView } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const PATCH = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: ZSavedViewParams,
  body: ZUpdateSavedViewBody,
  response: ZSavedView,
  handler: ({ auth, params, body }) => updateSavedView(auth.projectId, { userId: auth.user.id, role: auth.role }, params.viewId, body),
});

export const DELETE = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: ZSavedViewParams,
  handler: async ({ auth, params }) => {
    await deleteSavedView(auth.projectId, { userId: auth.user.id, role: auth.role }, params.viewId);
    return new Response(null, { status: 204 });
  },
});

import { ZCreateSavedViewBody, ZSavedView, ZSavedViewList, ZSavedViewListQuery } from "@loupe/contracts";
import { createSavedView, listSavedViews } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project", can: "traces:read" },
  query: ZSavedViewListQuery,
  response: ZSavedViewList,
  handler: ({ auth, query }) => listSavedViews(auth.projectId, query.table),
});

export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  body: ZCreateSavedViewBody,
  response: ZSavedView,
  handler: async ({ auth, body }) => json(await createSavedView(auth.projectId, { userId: auth.user.id, role: auth.role }, body), 201),
});

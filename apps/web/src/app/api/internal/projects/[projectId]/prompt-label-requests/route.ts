import { ZLabelRequestsQuery } from "@loupe/contracts";
import { listPromptLabelRequests } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  query: ZLabelRequestsQuery,
  handler: async ({ auth, query }) => ({ data: await listPromptLabelRequests(auth.projectId, { status: query.status }) }),
});

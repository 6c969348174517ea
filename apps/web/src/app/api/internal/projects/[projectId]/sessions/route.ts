import { ZSessionListQuery } from "@loupe/contracts";
import { listProjectSessions } from "@loupe/server";
import { defineRoute } from "@/lib/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  query: ZSessionListQuery,
  handler: ({ auth, query }) => listProjectSessions(auth.projectId, query),
});

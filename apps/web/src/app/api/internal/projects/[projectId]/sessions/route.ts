import { ZSessionListQuery } from "@loupe/contracts";
import { listProjectSessions } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project", can: "traces:read" },
  query: ZSessionListQuery,
  handler: ({ auth, query }) => listProjectSessions(auth.projectId, query),
});

import { ZTraceListQuery } from "@loupe/contracts";
import { listProjectTraces } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project", can: "traces:read" },
  query: ZTraceListQuery,
  handler: ({ auth, query }) => listProjectTraces(auth.projectId, query),
});

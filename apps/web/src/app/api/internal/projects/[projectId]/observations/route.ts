import { ZObservationListQuery } from "@loupe/contracts";
import { listProjectObservations } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project", can: "traces:read" },
  query: ZObservationListQuery,
  handler: ({ auth, query }) => listProjectObservations(auth.projectId, query),
});

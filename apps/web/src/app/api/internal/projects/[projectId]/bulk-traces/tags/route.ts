import { ZBulkTagTracesBody, ZBulkTagTracesResponse } from "@loupe/contracts";
import { tagTraces } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

/** Adds tags to the selected traces; the role is checked here and again in the service. */
export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  body: ZBulkTagTracesBody,
  response: ZBulkTagTracesResponse,
  handler: ({ auth, body }) => tagTraces({ userId: auth.user.id, projectId: auth.projectId, role: auth.role }, body),
});

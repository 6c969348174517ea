import { ZBulkDeleteTracesBody, ZBulkDeleteTracesResponse } from "@loupe/contracts";
import { deleteTraces } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

/** Hides the selected traces at once and has the worker delete them (ADMIN and up: `traces:delete`). */
export const POST = defineRoute({
  auth: { kind: "project", can: "traces:delete" },
  body: ZBulkDeleteTracesBody,
  response: ZBulkDeleteTracesResponse,
  handler: ({ auth, body }) =>
    deleteTraces({ userId: auth.user.id, projectId: auth.projectId, role: auth.role }, body.selection, auth.audit),
});

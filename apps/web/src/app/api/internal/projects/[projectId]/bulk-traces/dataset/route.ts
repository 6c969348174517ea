import { ZBulkDatasetTracesBody, ZBulkDatasetTracesResponse } from "@loupe/contracts";
import { addTracesToDataset } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

/** The selected traces as items of a dataset (input → input, output → expected output). */
export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  body: ZBulkDatasetTracesBody,
  response: ZBulkDatasetTracesResponse,
  handler: ({ auth, body }) => addTracesToDataset({ userId: auth.user.id, projectId: auth.projectId, role: auth.role }, body),
});

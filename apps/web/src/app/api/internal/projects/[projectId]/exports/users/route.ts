import { ZUserExportQuery } from "@loupe/contracts";
import { exportProjectUsers } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";
import { downloadResponse } from "@/lib/server/stream-response";

/** The users list's filtered rows as a CSV or JSONL download (README: "Export"). */
export const GET = defineRoute({
  auth: { kind: "project", can: "traces:read" },
  query: ZUserExportQuery,
  handler: async ({ auth, query }) => downloadResponse(await exportProjectUsers(auth.projectId, query, auth.audit)),
});

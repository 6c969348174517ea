import { ZSessionExportQuery } from "@loupe/contracts";
import { exportProjectSessions } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";
import { downloadResponse } from "@/lib/server/stream-response";

/** The sessions list's filtered rows as a CSV or JSONL download (README: "Export"). */
export const GET = defineRoute({
  auth: { kind: "project", can: "traces:read" },
  query: ZSessionExportQuery,
  handler: async ({ auth, query }) => downloadResponse(await exportProjectSessions(auth.projectId, query, auth.audit)),
});

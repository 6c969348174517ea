import { ZTraceExportQuery } from "@loupe/contracts";
import { exportProjectTraces } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";
import { downloadResponse } from "@/lib/server/stream-response";

/** The traces table's filtered rows as a CSV or JSONL download (README: "Export"). */
export const GET = defineRoute({
  auth: { kind: "project", can: "traces:read" },
  query: ZTraceExportQuery,
  handler: async ({ auth, query }) => downloadResponse(await exportProjectTraces(auth.projectId, query, auth.audit)),
});

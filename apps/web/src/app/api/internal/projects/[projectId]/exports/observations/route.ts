import { ZObservationExportQuery } from "@loupe/contracts";
import { exportProjectObservations } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";
import { downloadResponse } from "@/lib/server/stream-response";

/** The observations table's filtered rows as a CSV or JSONL download (README: "Export"). */
export const GET = defineRoute({
  auth: { kind: "project", can: "traces:read" },
  query: ZObservationExportQuery,
  handler: async ({ auth, query }) => downloadResponse(await exportProjectObservations(auth.projectId, query, auth.audit)),
});

import { ZAuditExportQuery } from "@loupe/contracts";
import { exportAudit } from "@loupe/server";
import { auditExportResponse } from "@/lib/server/audit-export";
import { defineRoute } from "@/lib/server/define-route";

/** The filtered audit log as a streamed CSV or JSONL download. */
export const GET = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  query: ZAuditExportQuery,
  handler: async ({ auth, query }) => auditExportResponse(exportAudit({ projectId: auth.projectId }, query, auth.audit), query.format),
});

import { ZAuditExportQuery } from "@loupe/contracts";
import { exportAudit } from "@loupe/server";
import { z } from "zod";
import { auditExportResponse } from "@/lib/server/audit-export";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "organization", can: "organization:manage" },
  params: z.object({ organizationId: z.string().min(1).max(200) }),
  query: ZAuditExportQuery,
  handler: async ({ auth, query }) =>
    auditExportResponse(exportAudit({ organizationId: auth.organizationId }, query, auth.audit), query.format),
});

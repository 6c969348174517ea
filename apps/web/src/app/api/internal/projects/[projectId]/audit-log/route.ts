import { ZAuditListQuery } from "@loupe/contracts";
import { listAudit } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  query: ZAuditListQuery,
  handler: ({ auth, query }) => listAudit({ projectId: auth.projectId }, query),
});

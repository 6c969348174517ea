import { ZAuditListQuery } from "@loupe/contracts";
import { listProjectAudit } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  query: ZAuditListQuery,
  handler: ({ auth, query }) => listProjectAudit(auth.projectId, query),
});

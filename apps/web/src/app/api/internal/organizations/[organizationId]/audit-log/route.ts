import { ZAuditListQuery } from "@loupe/contracts";
import { listAudit } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

/** The organization's audit log: its projects' rows, org-level changes and its members' sign-ins (org ADMIN+). */
export const GET = defineRoute({
  auth: { kind: "organization", can: "organization:manage" },
  params: z.object({ organizationId: z.string().min(1).max(200) }),
  query: ZAuditListQuery,
  handler: ({ auth, query }) => listAudit({ organizationId: auth.organizationId }, query),
});

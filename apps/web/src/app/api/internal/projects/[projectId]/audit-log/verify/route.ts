import { verifyAuditChainFor } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

// POST: re-hashing the whole chain is work on the server, not a cacheable read.
export const POST = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  handler: ({ auth }) => verifyAuditChainFor({ projectId: auth.projectId }),
});

import { verifyAuditChainFor } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const POST = defineRoute({
  auth: { kind: "organization", can: "organization:manage" },
  params: z.object({ organizationId: z.string().min(1).max(200) }),
  handler: ({ auth }) => verifyAuditChainFor({ organizationId: auth.organizationId }),
});

import { revokeOrganizationKey } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const DELETE = defineRoute({
  auth: { kind: "organization", can: "organization:manage" },
  params: z.object({ organizationId: z.string(), apiKeyId: z.string().min(1) }),
  handler: async ({ auth, params }) => {
    await revokeOrganizationKey(auth.organizationId, params.apiKeyId, auth.audit);
    return new Response(null, { status: 204 });
  },
});

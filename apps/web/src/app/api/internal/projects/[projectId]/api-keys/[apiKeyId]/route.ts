import { revokeProjectApiKey } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const DELETE = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  params: z.object({ projectId: z.string(), apiKeyId: z.string().min(1) }),
  handler: async ({ auth, params }) => {
    await revokeProjectApiKey(auth.projectId, params.apiKeyId, auth.audit);
    return new Response(null, { status: 204 });
  },
});

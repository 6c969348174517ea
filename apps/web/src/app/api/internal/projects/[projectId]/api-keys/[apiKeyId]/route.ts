import { ZApiKeySummary, ZUpdateApiKeyBody } from "@loupe/contracts";
import { revokeProjectApiKey, updateProjectApiKey } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

const params = z.object({ projectId: z.string(), apiKeyId: z.string().min(1) });

export const PATCH = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  params,
  body: ZUpdateApiKeyBody,
  response: ZApiKeySummary,
  handler: ({ auth, params, body }) => updateProjectApiKey(auth.projectId, params.apiKeyId, body.note, auth.audit),
});

export const DELETE = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  params,
  handler: async ({ auth, params }) => {
    await revokeProjectApiKey(auth.projectId, params.apiKeyId, auth.audit);
    return new Response(null, { status: 204 });
  },
});

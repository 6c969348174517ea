import { ZUpdateLlmConnectionBody } from "@loupe/contracts";
import { deleteLlmConnection, updateLlmConnection } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

const ZParams = z.object({ projectId: z.string(), connectionId: z.string().min(1) });

export const PATCH = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  params: ZParams,
  body: ZUpdateLlmConnectionBody,
  handler: ({ auth, params, body }) => updateLlmConnection(auth.projectId, params.connectionId, body, auth.audit),
});

export const DELETE = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  params: ZParams,
  handler: async ({ auth, params }) => {
    await deleteLlmConnection(auth.projectId, params.connectionId, auth.audit);
    return new Response(null, { status: 204 });
  },
});

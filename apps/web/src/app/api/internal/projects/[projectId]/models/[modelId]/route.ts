import { ZCreateModelBody, ZPublicModel } from "@loupe/contracts";
import { deleteModelPrice, updateModelPrice } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

const params = z.object({ projectId: z.string(), modelId: z.string().min(1).max(200) });

/** Replaces a project model (built-in ones are refused: override them with a project model). ADMIN and up. */
export const PUT = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  params,
  body: ZCreateModelBody,
  response: ZPublicModel,
  handler: ({ auth, params, body }) => updateModelPrice({ projectId: auth.projectId, role: auth.role }, params.modelId, body, auth.audit),
});

export const DELETE = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  params,
  handler: async ({ auth, params }) => {
    await deleteModelPrice({ projectId: auth.projectId, role: auth.role }, params.modelId, auth.audit);
    return new Response(null, { status: 204 });
  },
});

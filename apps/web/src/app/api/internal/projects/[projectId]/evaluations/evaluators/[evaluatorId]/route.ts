import { deleteEvaluator, getEvaluator } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

const ZParams = z.object({ projectId: z.string(), evaluatorId: z.string().min(1).max(200) });

export const GET = defineRoute({
  auth: { kind: "project" },
  params: ZParams,
  handler: ({ auth, params }) => getEvaluator(auth.projectId, params.evaluatorId),
});

export const DELETE = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: ZParams,
  handler: ({ auth, params }) => deleteEvaluator(auth.projectId, params.evaluatorId, auth.audit),
});

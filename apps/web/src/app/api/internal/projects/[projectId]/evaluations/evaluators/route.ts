import { ZEvaluatorBody } from "@loupe/contracts";
import { createEvaluator, listEvaluators } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  handler: ({ auth }) => listEvaluators(auth.projectId),
});

/** A new name is version 1; a name that exists gets its next version. */
export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  body: ZEvaluatorBody,
  handler: async ({ auth, body }) => json(await createEvaluator(auth.projectId, body), 201),
});

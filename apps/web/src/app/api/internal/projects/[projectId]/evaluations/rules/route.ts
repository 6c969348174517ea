import { ZEvalRuleBody } from "@loupe/contracts";
import { createEvaluationRule, listEvaluationRules } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  handler: ({ auth }) => listEvaluationRules(auth.projectId),
});

export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  body: ZEvalRuleBody,
  handler: async ({ auth, body }) => json(await createEvaluationRule(auth.projectId, body), 201),
});

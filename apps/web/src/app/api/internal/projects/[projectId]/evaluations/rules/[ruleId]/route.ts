import { ZEvalRuleBody } from "@loupe/contracts";
import { deleteEvaluationRule, getEvaluationRule, updateEvaluationRule } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

const ZParams = z.object({ projectId: z.string(), ruleId: z.string().min(1).max(200) });

export const GET = defineRoute({
  auth: { kind: "project" },
  params: ZParams,
  handler: ({ auth, params }) => getEvaluationRule(auth.projectId, params.ruleId),
});

export const PUT = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: ZParams,
  body: ZEvalRuleBody,
  handler: ({ auth, params, body }) => updateEvaluationRule(auth.projectId, params.ruleId, body),
});

export const DELETE = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: ZParams,
  handler: ({ auth, params }) => deleteEvaluationRule(auth.projectId, params.ruleId, auth.audit),
});

import { ZUnstableDeleteResponse, ZUnstableReadableRule, ZUnstableUpdateRuleBody } from "@loupe/contracts";
import { deleteUnstableRule, getUnstableRule, updateUnstableRule } from "@loupe/server";
import { z } from "zod";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

const ZParams = z.object({ evaluationRuleId: z.string().min(1).max(200) });

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  params: ZParams,
  response: ZUnstableReadableRule,
  handler: ({ auth, params }) => getUnstableRule(auth.projectId, params.evaluationRuleId),
});

export const PATCH = defineRoute({
  auth: { kind: "apiKey" },
  params: ZParams,
  body: ZUnstableUpdateRuleBody,
  response: ZUnstableReadableRule,
  handler: ({ auth, params, body }) => updateUnstableRule(auth.projectId, params.evaluationRuleId, body),
});

export const DELETE = defineRoute({
  auth: { kind: "apiKey" },
  params: ZParams,
  response: ZUnstableDeleteResponse,
  handler: ({ auth, params }) => deleteUnstableRule(auth.projectId, params.evaluationRuleId, auth.audit),
});

export const OPTIONS = corsPreflight;

import { ZRuleStateBody } from "@loupe/contracts";
import { setEvaluationRuleEnabled } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

/** Pause (enabled false) or resume a rule; resuming also clears a pause an error caused. */
export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: z.object({ projectId: z.string(), ruleId: z.string().min(1).max(200) }),
  body: ZRuleStateBody,
  handler: ({ auth, params, body }) => setEvaluationRuleEnabled(auth.projectId, params.ruleId, body.enabled),
});

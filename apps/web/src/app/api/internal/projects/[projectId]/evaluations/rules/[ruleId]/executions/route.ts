import { ZEvalExecutionsQuery } from "@loupe/contracts";
import { listRuleExecutions } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  params: z.object({ projectId: z.string(), ruleId: z.string().min(1).max(200) }),
  query: ZEvalExecutionsQuery,
  handler: ({ auth, params, query }) => listRuleExecutions(auth.projectId, params.ruleId, query),
});

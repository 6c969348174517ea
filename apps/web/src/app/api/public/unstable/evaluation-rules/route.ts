import { ZUnstableCreateRuleBody, ZUnstablePageQuery, ZUnstableReadableRule, ZUnstableRules } from "@loupe/contracts";
import { createUnstableRule, listUnstableRules } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZUnstablePageQuery,
  response: ZUnstableRules,
  handler: ({ auth, query }) => listUnstableRules(auth.projectId, query),
});

export const POST = defineRoute({
  auth: { kind: "apiKey" },
  body: ZUnstableCreateRuleBody,
  response: ZUnstableReadableRule,
  handler: ({ auth, body }) => createUnstableRule(auth.projectId, body),
});

export const OPTIONS = corsPreflight;

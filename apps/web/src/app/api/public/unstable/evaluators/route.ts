import { ZUnstableCreateEvaluatorBody, ZUnstableEvaluator, ZUnstableEvaluators, ZUnstablePageQuery } from "@loupe/contracts";
import { createUnstableEvaluator, listUnstableEvaluators } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZUnstablePageQuery,
  response: ZUnstableEvaluators,
  handler: ({ auth, query }) => listUnstableEvaluators(auth.projectId, query),
});

/** A known name gets its next version (Langfuse answers 200 either way). */
export const POST = defineRoute({
  auth: { kind: "apiKey" },
  body: ZUnstableCreateEvaluatorBody,
  response: ZUnstableEvaluator,
  handler: ({ auth, body }) => createUnstableEvaluator(auth.projectId, body),
});

export const OPTIONS = corsPreflight;

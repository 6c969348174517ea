import { ZModelMatchQuery, ZModelMatchResponse } from "@loupe/contracts";
import { matchModelName } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

/** Which model (and so which prices) an observation's model name gets now. */
export const GET = defineRoute({
  auth: { kind: "project" },
  query: ZModelMatchQuery,
  response: ZModelMatchResponse,
  handler: ({ auth, query }) => matchModelName(auth.projectId, query.modelName),
});

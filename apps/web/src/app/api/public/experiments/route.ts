import { ZExperimentsQuery, ZExperimentsResponse } from "@loupe/contracts";
import { listPublicExperiments } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZExperimentsQuery,
  response: ZExperimentsResponse,
  handler: ({ auth, query }) => listPublicExperiments(auth.projectId, query),
});

export const OPTIONS = corsPreflight;

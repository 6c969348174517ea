import { ZExperimentItemsQuery, ZExperimentItemsResponse } from "@loupe/contracts";
import { listPublicExperimentItems } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZExperimentItemsQuery,
  response: ZExperimentItemsResponse,
  handler: ({ auth, query }) => listPublicExperimentItems(auth.projectId, query),
});

export const OPTIONS = corsPreflight;

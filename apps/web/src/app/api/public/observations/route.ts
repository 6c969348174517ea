import { ZObservationsQuery, ZObservationsResponse } from "@loupe/contracts";
import { listPublicObservations } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZObservationsResponse,
  query: ZObservationsQuery,
  handler: ({ auth, query }) => listPublicObservations(auth.projectId, query),
});

export const OPTIONS = corsPreflight;

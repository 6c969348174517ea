import { ZObservationParams, ZObservationView } from "@loupe/contracts";
import { getPublicObservation } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZObservationView,
  params: ZObservationParams,
  handler: ({ auth, params }) => getPublicObservation(auth.projectId, params.observationId),
});

export const OPTIONS = corsPreflight;

import { ZObservationsV2Query, ZObservationsV2Response } from "@loupe/contracts";
import { listPublicObservationsV2 } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZObservationsV2Response,
  query: ZObservationsV2Query,
  handler: ({ auth, query }) => listPublicObservationsV2(auth.projectId, query),
});

export const OPTIONS = corsPreflight;

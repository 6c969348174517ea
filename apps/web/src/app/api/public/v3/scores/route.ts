import { ZScoresV3Query, ZScoresV3Response } from "@loupe/contracts";
import { listPublicScoresV3 } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZScoresV3Query,
  response: ZScoresV3Response,
  handler: ({ auth, query }) => listPublicScoresV3(auth.projectId, query),
});

export const OPTIONS = corsPreflight;

import { ZScoresQuery, ZScoresResponse } from "@loupe/contracts";
import { listPublicScores } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZScoresResponse,
  query: ZScoresQuery,
  handler: ({ auth, query }) => listPublicScores(auth.projectId, query),
});

export const OPTIONS = corsPreflight;

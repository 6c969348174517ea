import { ZCreateScoreBody, ZCreateScoreResponse, ZScoresResponse, ZScoresV1Query } from "@loupe/contracts";
import { createPublicScore, listPublicScoresV1 } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZScoresResponse,
  query: ZScoresV1Query,
  handler: ({ auth, query }) => listPublicScoresV1(auth.projectId, query),
});

export const POST = defineRoute({
  auth: { kind: "apiKey", scopes: ["project", "scores"] },
  response: ZCreateScoreResponse,
  body: ZCreateScoreBody,
  handler: ({ auth, body, requestId }) => createPublicScore({ projectId: auth.projectId, requestId }, body),
});

export const OPTIONS = corsPreflight;

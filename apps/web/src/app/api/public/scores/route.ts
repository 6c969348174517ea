import { ZCreateScoreBody, ZCreateScoreResponse, ZScoresResponse, ZScoresV1Query } from "@loupe/contracts";
import { createPublicScore, listPublicScoresV1 } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";
import { countIngestionEvents } from "@/lib/server/metrics";

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
  handler: async ({ auth, body, requestId }) => {
    const created = await createPublicScore({ projectId: auth.projectId, requestId }, body);
    countIngestionEvents("scores", { accepted: 1, rejected: 0 });
    return created;
  },
});

export const OPTIONS = corsPreflight;

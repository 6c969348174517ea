import { ZMessageResponse, ZPublicScore, ZScoreParams } from "@loupe/contracts";
import { deletePublicScore, getPublicScore } from "@loupe/server";
import { corsPreflight, defineRoute, json } from "@/lib/server/define-route";

/** The v1 single-score read (older SDKs); same object as /api/public/v2/scores/{scoreId}. */
export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZPublicScore,
  params: ZScoreParams,
  handler: ({ auth, params }) => getPublicScore(auth.projectId, params.scoreId),
});

export const DELETE = defineRoute({
  auth: { kind: "apiKey" },
  response: ZMessageResponse,
  params: ZScoreParams,
  handler: async ({ auth, params }) => json(await deletePublicScore(auth.projectId, params.scoreId), 202),
});

export const OPTIONS = corsPreflight;

import { ZPublicScore, ZScoreParams } from "@loupe/contracts";
import { getPublicScore } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZPublicScore,
  params: ZScoreParams,
  handler: ({ auth, params }) => getPublicScore(auth.projectId, params.scoreId),
});

export const OPTIONS = corsPreflight;

import { ZScoreParams } from "@loupe/contracts";
import { deletePublicScore } from "@loupe/server";
import { corsPreflight, defineRoute, json } from "@/lib/define-route";

export const DELETE = defineRoute({
  auth: { kind: "apiKey" },
  params: ZScoreParams,
  handler: async ({ auth, params }) => json(await deletePublicScore(auth.projectId, params.scoreId), 202),
});

export const OPTIONS = corsPreflight;

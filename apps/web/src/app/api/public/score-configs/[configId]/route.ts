import { ZScoreConfigParams } from "@loupe/contracts";
import { getPublicScoreConfig } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  params: ZScoreConfigParams,
  handler: ({ auth, params }) => getPublicScoreConfig(auth.projectId, params.configId),
});

export const OPTIONS = corsPreflight;

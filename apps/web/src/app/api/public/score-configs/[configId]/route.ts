import { ZPublicScoreConfig, ZScoreConfigParams, ZUpdateScoreConfigBody } from "@loupe/contracts";
import { getPublicScoreConfig, updatePublicScoreConfig } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZPublicScoreConfig,
  params: ZScoreConfigParams,
  handler: ({ auth, params }) => getPublicScoreConfig(auth.projectId, params.configId),
});

export const PATCH = defineRoute({
  auth: { kind: "apiKey" },
  response: ZPublicScoreConfig,
  params: ZScoreConfigParams,
  body: ZUpdateScoreConfigBody,
  handler: ({ auth, params, body }) => updatePublicScoreConfig(auth.projectId, params.configId, body),
});

export const OPTIONS = corsPreflight;

import { ZCreateScoreConfigBody, ZPublicScoreConfig, ZScoreConfigsQuery, ZScoreConfigsResponse } from "@loupe/contracts";
import { createPublicScoreConfig, listPublicScoreConfigs } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZScoreConfigsResponse,
  query: ZScoreConfigsQuery,
  handler: ({ auth, query }) => listPublicScoreConfigs(auth.projectId, query),
});

export const POST = defineRoute({
  auth: { kind: "apiKey" },
  response: ZPublicScoreConfig,
  body: ZCreateScoreConfigBody,
  handler: ({ auth, body }) => createPublicScoreConfig(auth.projectId, body),
});

export const OPTIONS = corsPreflight;

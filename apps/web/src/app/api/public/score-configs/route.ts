import { ZCreateScoreConfigBody, ZScoreConfigsQuery } from "@loupe/contracts";
import { createPublicScoreConfig, listPublicScoreConfigs } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZScoreConfigsQuery,
  handler: ({ auth, query }) => listPublicScoreConfigs(auth.projectId, query),
});

export const POST = defineRoute({
  auth: { kind: "apiKey" },
  body: ZCreateScoreConfigBody,
  handler: ({ auth, body }) => createPublicScoreConfig(auth.projectId, body),
});

export const OPTIONS = corsPreflight;

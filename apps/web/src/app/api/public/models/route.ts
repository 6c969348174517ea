import { ZCreateModelBody, ZModelsQuery } from "@loupe/contracts";
import { createPublicModel, listPublicModels } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZModelsQuery,
  handler: ({ auth, query }) => listPublicModels(auth.projectId, query),
});

export const POST = defineRoute({
  auth: { kind: "apiKey" },
  body: ZCreateModelBody,
  handler: ({ auth, body }) => createPublicModel(auth.projectId, body),
});

export const OPTIONS = corsPreflight;

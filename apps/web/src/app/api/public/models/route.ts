import { ZCreateModelBody, ZModelsQuery, ZModelsResponse, ZPublicModel } from "@loupe/contracts";
import { createPublicModel, listPublicModels } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZModelsResponse,
  query: ZModelsQuery,
  handler: ({ auth, query }) => listPublicModels(auth.projectId, query),
});

export const POST = defineRoute({
  auth: { kind: "apiKey" },
  response: ZPublicModel,
  body: ZCreateModelBody,
  handler: ({ auth, body }) => createPublicModel(auth.projectId, body, auth.audit),
});

export const OPTIONS = corsPreflight;

import { ZCreateModelBody, ZMessageResponse, ZModelParams, ZPublicModel } from "@loupe/contracts";
import { deletePublicModel, getPublicModel, upsertPublicModel } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZPublicModel,
  params: ZModelParams,
  handler: ({ auth, params }) => getPublicModel(auth.projectId, params.modelId),
});

export const PUT = defineRoute({
  auth: { kind: "apiKey" },
  response: ZPublicModel,
  params: ZModelParams,
  body: ZCreateModelBody,
  handler: ({ auth, params, body }) => upsertPublicModel(auth.projectId, params.modelId, body, auth.audit),
});

export const DELETE = defineRoute({
  auth: { kind: "apiKey" },
  response: ZMessageResponse,
  params: ZModelParams,
  handler: ({ auth, params }) => deletePublicModel(auth.projectId, params.modelId, auth.audit),
});

export const OPTIONS = corsPreflight;

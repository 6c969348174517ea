import { ZModelParams } from "@loupe/contracts";
import { deletePublicModel, getPublicModel } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  params: ZModelParams,
  handler: ({ auth, params }) => getPublicModel(auth.projectId, params.modelId),
});

export const DELETE = defineRoute({
  auth: { kind: "apiKey" },
  params: ZModelParams,
  handler: ({ auth, params }) => deletePublicModel(auth.projectId, params.modelId),
});

export const OPTIONS = corsPreflight;

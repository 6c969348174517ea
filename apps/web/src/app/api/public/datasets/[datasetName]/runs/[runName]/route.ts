import { ZDatasetRunParams } from "@loupe/contracts";
import { deletePublicDatasetRun, getPublicDatasetRun } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  params: ZDatasetRunParams,
  handler: ({ auth, params }) => getPublicDatasetRun(auth.projectId, params.datasetName, params.runName),
});

export const DELETE = defineRoute({
  auth: { kind: "apiKey" },
  params: ZDatasetRunParams,
  handler: ({ auth, params }) => deletePublicDatasetRun(auth.projectId, params.datasetName, params.runName, auth.audit),
});

export const OPTIONS = corsPreflight;

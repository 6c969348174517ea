import { ZDatasetItemParams } from "@loupe/contracts";
import { deletePublicDatasetItem, getPublicDatasetItem } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  params: ZDatasetItemParams,
  handler: ({ auth, params }) => getPublicDatasetItem(auth.projectId, params.id),
});

export const DELETE = defineRoute({
  auth: { kind: "apiKey" },
  params: ZDatasetItemParams,
  handler: ({ auth, params }) => deletePublicDatasetItem(auth.projectId, params.id, auth.audit),
});

export const OPTIONS = corsPreflight;

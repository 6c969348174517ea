import { ZDatasetParams } from "@loupe/contracts";
import { getPublicDataset } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

// Next decodes the segment, so `a%2Fb` arrives as the folder name "a/b".
export const GET = defineRoute({
  auth: { kind: "apiKey" },
  params: ZDatasetParams,
  handler: ({ auth, params }) => getPublicDataset(auth.projectId, params.datasetName),
});

export const OPTIONS = corsPreflight;

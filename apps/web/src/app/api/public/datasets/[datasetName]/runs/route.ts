import { ZDatasetParams, ZDatasetRunsQuery } from "@loupe/contracts";
import { listPublicDatasetRuns } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  params: ZDatasetParams,
  query: ZDatasetRunsQuery,
  handler: ({ auth, params, query }) => listPublicDatasetRuns(auth.projectId, params.datasetName, query),
});

export const OPTIONS = corsPreflight;

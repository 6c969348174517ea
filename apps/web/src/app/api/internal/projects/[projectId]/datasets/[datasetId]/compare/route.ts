import { ZDatasetCompareQuery, ZDatasetCompareResponse } from "@loupe/contracts";
import { compareDatasetRuns } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  params: z.object({ projectId: z.string(), datasetId: z.string().min(1) }),
  query: ZDatasetCompareQuery,
  response: ZDatasetCompareResponse,
  handler: ({ auth, params, query }) => compareDatasetRuns(auth.projectId, params.datasetId, query.runs),
});

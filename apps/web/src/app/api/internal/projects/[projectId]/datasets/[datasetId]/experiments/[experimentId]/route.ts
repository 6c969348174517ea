import { ZExperimentDetailResponse } from "@loupe/contracts";
import { getExperiment } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  params: z.object({ projectId: z.string(), datasetId: z.string().min(1).max(200), experimentId: z.string().min(1).max(200) }),
  response: ZExperimentDetailResponse,
  handler: ({ auth, params }) => getExperiment(auth.projectId, params.datasetId, params.experimentId),
});

import { ZExperimentSummary } from "@loupe/contracts";
import { cancelExperiment } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: z.object({ projectId: z.string(), datasetId: z.string().min(1).max(200), experimentId: z.string().min(1).max(200) }),
  response: ZExperimentSummary,
  handler: ({ auth, params }) => cancelExperiment(auth.projectId, params.datasetId, params.experimentId),
});

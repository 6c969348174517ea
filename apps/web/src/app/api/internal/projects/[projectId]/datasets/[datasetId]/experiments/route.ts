import { ZExperimentListResponse, ZStartExperimentBody, ZStartExperimentResponse } from "@loupe/contracts";
import { listExperiments, startExperiment } from "@loupe/server";
import { z } from "zod";
import { defineRoute, json } from "@/lib/server/define-route";

const params = z.object({ projectId: z.string(), datasetId: z.string().min(1).max(200) });

export const GET = defineRoute({
  auth: { kind: "project" },
  params,
  response: ZExperimentListResponse,
  handler: ({ auth, params }) => listExperiments(auth.projectId, params.datasetId),
});

export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params,
  body: ZStartExperimentBody,
  response: ZStartExperimentResponse,
  handler: async ({ auth, params, body }) =>
    json(await startExperiment({ projectId: auth.projectId, userId: auth.user.id }, params.datasetId, body), 201),
});

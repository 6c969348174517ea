import { ZCreatedDataset, ZCreateProjectDatasetBody, ZDatasetListResponse } from "@loupe/contracts";
import { createProjectDataset, listProjectDatasets } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  response: ZDatasetListResponse,
  handler: ({ auth }) => listProjectDatasets(auth.projectId),
});

export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  body: ZCreateProjectDatasetBody,
  response: ZCreatedDataset,
  handler: async ({ auth, body }) => json(await createProjectDataset(auth.projectId, body), 201),
});

import { getProjectDataset } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  params: z.object({ projectId: z.string(), datasetId: z.string().min(1) }),
  handler: ({ auth, params }) => getProjectDataset(auth.projectId, params.datasetId),
});

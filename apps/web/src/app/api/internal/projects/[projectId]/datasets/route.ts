import { listProjectDatasets } from "@loupe/server";
import { defineRoute } from "@/lib/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  handler: ({ auth }) => listProjectDatasets(auth.projectId),
});

import { listAnnotationScoreConfigs } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  params: z.object({ projectId: z.string() }),
  handler: ({ auth }) => listAnnotationScoreConfigs(auth.projectId),
});

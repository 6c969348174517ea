import { ZPromptMetricsQuery, ZPromptNameParam } from "@loupe/contracts";
import { getPromptMetrics } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  params: z.object({ projectId: z.string(), promptName: ZPromptNameParam }),
  query: ZPromptMetricsQuery,
  handler: ({ auth, params, query }) => getPromptMetrics(auth.projectId, params.promptName, query.days),
});

import { ZMetricsQuery, ZMetricsResponse } from "@loupe/contracts";
import { queryMetrics } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

/** Every dashboard panel and widget reads through here: the semantic layer of /api/public/metrics (v1, all views). */
export const POST = defineRoute({
  auth: { kind: "project" },
  body: ZMetricsQuery,
  response: ZMetricsResponse,
  handler: ({ auth, body }) => queryMetrics(auth.projectId, body, 1),
});

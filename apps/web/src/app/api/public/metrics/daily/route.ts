import { ZDailyMetricsQuery, ZDailyMetricsResponse } from "@loupe/contracts";
import { getDailyMetrics } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZDailyMetricsResponse,
  query: ZDailyMetricsQuery,
  handler: ({ auth, query }) => getDailyMetrics(auth.projectId, query),
});

export const OPTIONS = corsPreflight;

import { ZMetricsQueryParam, ZMetricsResponse } from "@loupe/contracts";
import { queryMetrics } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

/** v1 and v2 share one handler; v2 refuses the traces view and high-cardinality groupings. */
export const metricsRoute = (version: 1 | 2) =>
  defineRoute({
    auth: { kind: "apiKey" },
    response: ZMetricsResponse,
    query: ZMetricsQueryParam,
    handler: ({ auth, query }) => queryMetrics(auth.projectId, query.query, version),
  });

export const GET = metricsRoute(1);
export const OPTIONS = corsPreflight;

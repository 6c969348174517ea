import { isMetricsScrapeAllowed } from "@loupe/server";
import type { NextRequest } from "next/server";
import { webEnv } from "@/lib/server/env";
import { webMetrics } from "@/lib/server/metrics";

// Prometheus scrape endpoint of the web process (deploy/prometheus/prometheus.yml scrapes every
// replica). Not under /api: it is for the operator's Prometheus, not for SDKs or the UI.
export const dynamic = "force-dynamic";

export async function GET(req: NextRequest): Promise<Response> {
  if (!isMetricsScrapeAllowed(req.headers.get("authorization"), webEnv().LOUPE_METRICS_TOKEN)) {
    return new Response("A bearer token is required to read metrics (LOUPE_METRICS_TOKEN).\n", {
      status: 401,
      headers: { "content-type": "text/plain; charset=utf-8", "www-authenticate": 'Bearer realm="metrics"' },
    });
  }
  const registry = webMetrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}

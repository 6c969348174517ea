import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// The web process's Prometheus metrics, served at GET /metrics. Kept on globalThis: Next may load
// this module more than once in one process (route bundles, dev reloads), and the Node server in
// front of Next (./main.ts) loads its own copy beside Next's bundle; prom-client refuses a metric
// registered twice, and every copy must count into the registry /metrics serves.
function createWebMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "loupe_web_" });
  return {
    registry,
    httpDuration: new Histogram({
      name: "loupe_http_request_duration_seconds",
      help: "API requests by route pattern (ids replaced by their parameter name), method and status",
      labelNames: ["route", "method", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    ingestionEvents: new Counter({
      name: "loupe_ingestion_events_total",
      help: "Ingestion events by source (ingestion API, OTLP, scores API) and outcome (accepted: stored durably; rejected)",
      labelNames: ["source", "outcome"],
      registers: [registry],
    }),
  };
}

const holder = globalThis as typeof globalThis & { loupeWebMetrics?: ReturnType<typeof createWebMetrics> };
const metrics = () => {
  holder.loupeWebMetrics ??= createWebMetrics();
  return holder.loupeWebMetrics;
};

export const webMetrics = (): Registry => metrics().registry;

export type IngestionSource = "ingestion" | "otel" | "scores";

export function countIngestionEvents(source: IngestionSource, counts: { accepted: number; rejected: number }): void {
  if (counts.accepted > 0) metrics().ingestionEvents.inc({ source, outcome: "accepted" }, counts.accepted);
  if (counts.rejected > 0) metrics().ingestionEvents.inc({ source, outcome: "rejected" }, counts.rejected);
}

export function observeHttpRequest(route: string, method: string, status: number, seconds: number): void {
  metrics().httpDuration.observe({ route, method, status: String(status) }, seconds);
}

/**
 * The route's pattern from its path and params: `/api/public/traces/abc` with `{ traceId: "abc" }`
 * is `/api/public/traces/[traceId]`, so the label has one value per route, never one per id.
 */
export function routePattern(pathname: string, params: Record<string, string | string[] | undefined>): string {
  const segments = pathname.split("/");
  const decoded = segments.map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const parts = Array.isArray(value) ? value : [value];
    for (let i = 0; i + parts.length <= decoded.length; i++) {
      if (parts.every((p, j) => decoded[i + j] === p)) {
        segments.splice(i, parts.length, Array.isArray(value) ? `[...${name}]` : `[${name}]`);
        decoded.splice(i, parts.length, "\0");
        break;
      }
    }
  }
  return segments.join("/").slice(0, 120);
}

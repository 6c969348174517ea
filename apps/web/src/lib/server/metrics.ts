import "server-only";
import { Registry, collectDefaultMetrics } from "prom-client";

// The web process's Prometheus registry, served at GET /metrics. Kept on globalThis: Next may load
// this module more than once in one process (route bundles, dev reloads), and prom-client refuses
// a metric registered twice.
const holder = globalThis as typeof globalThis & { loupeWebMetrics?: Registry };

export function webMetrics(): Registry {
  if (!holder.loupeWebMetrics) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: "loupe_web_" });
    holder.loupeWebMetrics = registry;
  }
  return holder.loupeWebMetrics;
}

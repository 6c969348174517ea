import { JOB_NAMES, type JobName, getQueue } from "@loupe/jobs";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// Prometheus metrics of the worker, served at /metrics: queue depth and lag per job, job outcomes
// and durations. Queue gauges are read from Redis at scrape time, so they are never stale.

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "loupe_worker_" });

export type QueueStats = Record<
  JobName,
  { waiting: number; active: number; delayed: number; failed: number; oldestWaitingMs: number | null }
>;

export async function queueStats(): Promise<QueueStats> {
  const entries = await Promise.all(
    JOB_NAMES.map(async (name) => {
      const queue = getQueue(name);
      const counts = await queue.getJobCounts("waiting", "active", "delayed", "failed");
      const [oldest] = await queue.getJobs(["waiting"], 0, 0, true);
      return [
        name,
        {
          waiting: counts.waiting ?? 0,
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
          failed: counts.failed ?? 0,
          oldestWaitingMs: oldest ? Date.now() - oldest.timestamp : null,
        },
      ] as const;
    }),
  );
  return Object.fromEntries(entries) as QueueStats;
}

// prom-client collects gauges concurrently; both share one Redis read per scrape.
let scrape: { at: number; stats: Promise<QueueStats> } | null = null;
function statsForScrape(): Promise<QueueStats> {
  if (!scrape || Date.now() - scrape.at > 1000) scrape = { at: Date.now(), stats: queueStats() };
  return scrape.stats;
}

new Gauge({
  name: "loupe_queue_jobs",
  help: "Jobs in a queue by state",
  labelNames: ["job", "state"],
  registers: [registry],
  async collect() {
    for (const [job, s] of Object.entries(await statsForScrape())) {
      for (const state of ["waiting", "active", "delayed", "failed"] as const) this.set({ job, state }, s[state]);
    }
  },
});

new Gauge({
  name: "loupe_queue_oldest_waiting_seconds",
  help: "Age of the oldest waiting job (0 when none): how far processing lags behind",
  labelNames: ["job"],
  registers: [registry],
  async collect() {
    for (const [job, s] of Object.entries(await statsForScrape())) this.set({ job }, (s.oldestWaitingMs ?? 0) / 1000);
  },
});

export const jobsTotal = new Counter({
  name: "loupe_jobs_total",
  help: "Jobs finished by outcome",
  labelNames: ["job", "outcome"],
  registers: [registry],
});

export const jobDuration = new Histogram({
  name: "loupe_job_duration_seconds",
  help: "Job run time",
  labelNames: ["job"],
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

import { BoundedLabelValues } from "@loupe/domain";
import { JOB_NAMES, type JobName, getQueue } from "@loupe/jobs";
import type { BatchMetrics } from "@loupe/server";
import { Counter, Gauge, Histogram, Registry, Summary, collectDefaultMetrics } from "prom-client";

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

// LLM metrics of the traced apps, counted by the worker that merged each observation, once, when it
// became final (see meterObservationMerge): each worker counts its own merges, so the rules sum over
// replicas. `project` is the project id; model, tool and score names are capped per project.
const models = new BoundedLabelValues(50);
const toolNames = new BoundedLabelValues(100);
const scoreNames = new BoundedLabelValues(50);

const llmRequests = new Counter({
  name: "llm_requests_total",
  help: "LLM calls (generations and embeddings) by model and status (error = level ERROR), counted when they end",
  labelNames: ["project", "model", "status"],
  registers: [registry],
});
const llmTokens = new Counter({
  name: "llm_tokens_total",
  help: "Tokens of LLM calls by type (input, output, cached, reasoning)",
  labelNames: ["project", "model", "token_type"],
  registers: [registry],
});
const llmCost = new Counter({
  name: "llm_cost_usd_total",
  help: "Cost of LLM calls in USD (provided by the SDK or computed from the model's price)",
  labelNames: ["project", "model"],
  registers: [registry],
});
const llmDuration = new Histogram({
  name: "llm_request_duration_seconds",
  help: "Duration of LLM calls, start to end",
  labelNames: ["project", "model"],
  buckets: [0.1, 0.3, 0.5, 1, 2, 5, 10],
  registers: [registry],
});
const llmTimeToFirstToken = new Histogram({
  name: "llm_time_to_first_token_seconds",
  help: "Time from the start of an LLM call to its first token (completionStartTime)",
  labelNames: ["project", "model"],
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
  registers: [registry],
});
const toolExecutions = new Counter({
  name: "tool_executions_total",
  help: "Tool observations by tool name and status, counted when they end",
  labelNames: ["project", "tool_name", "status"],
  registers: [registry],
});
const scoreValues = new Summary({
  name: "llm_score_value",
  help: "Numeric and boolean score values as they are first stored (sum and count: averages per score name)",
  labelNames: ["project", "score_name"],
  percentiles: [],
  registers: [registry],
});
const ingestionLag = new Histogram({
  name: "loupe_ingestion_lag_seconds",
  help: "Time from acknowledging an ingestion batch to its merge being committed (ingest → queryable)",
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
  registers: [registry],
});

/** Records what a committed merge added; called by the ingestion job after processIngestionBatch. */
export function recordBatchMetrics({ projectId: project, receivedAt, observations, scores }: BatchMetrics): void {
  ingestionLag.observe(Math.max(0, (Date.now() - receivedAt.getTime()) / 1000));
  for (const o of observations) {
    if (o.request) {
      const labels = { project, model: models.value(project, o.request.model) };
      llmRequests.inc({ ...labels, status: o.request.status });
      if (o.request.durationSeconds !== null) llmDuration.observe(labels, o.request.durationSeconds);
      if (o.request.timeToFirstTokenSeconds !== null) llmTimeToFirstToken.observe(labels, o.request.timeToFirstTokenSeconds);
    }
    for (const t of o.tokens) llmTokens.inc({ project, model: models.value(project, t.model), token_type: t.tokenType }, t.count);
    if (o.costUsd) llmCost.inc({ project, model: models.value(project, o.costUsd.model) }, o.costUsd.usd);
    if (o.tool) toolExecutions.inc({ project, tool_name: toolNames.value(project, o.tool.toolName), status: o.tool.status });
  }
  for (const s of scores) scoreValues.observe({ project, score_name: scoreNames.value(project, s.scoreName) }, s.value);
}

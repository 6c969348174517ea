import http from "node:http";
import { disconnectPrisma } from "@loupe/db";
import { JOB_CATALOG, JOB_NAMES, type JobName, closeQueues, createRedisConnection, queueName, readJobsEnv } from "@loupe/jobs";
import {
  isMetricsScrapeAllowed,
  logger,
  runAuditRetention,
  runExperimentSweep,
  runIngestionSweep,
  runDeletedProjectsSweep,
  runMarkedTracesSweep,
  runMetadataRollupSweep,
  runWebhookSweep,
} from "@loupe/server";
import { type Job, Queue, Worker } from "bullmq";
import { readWorkerEnv } from "./env.ts";
import { lowerOwnPriority } from "./priority.ts";
import { JOB_HANDLERS } from "./jobs/index.ts";
import { jobDuration, jobsTotal, queueStats, registry } from "./metrics.ts";

const env = readWorkerEnv();
const priority = lowerOwnPriority(env.LOUPE_WORKER_NICE);
if (priority.failure) logger.warn({ err: priority.failure }, "could not lower the worker's CPU priority (LOUPE_WORKER_NICE)");
let stopping = false;
const { LOUPE_QUEUE_PREFIX } = readJobsEnv();
const connection = createRedisConnection({ forWorker: true });

async function handle(name: JobName, job: Job) {
  // Parse again at dequeue: a payload from an older producer must fail loudly, not half-run.
  const payload = JOB_CATALOG[name].schema.parse(job.data);
  const handler = JOB_HANDLERS[name] as { run: (p: unknown) => Promise<unknown>; onFailure?: (p: unknown, e: Error) => Promise<void> };
  const started = Date.now();
  const timer = jobDuration.startTimer({ job: name });
  try {
    const result = await handler.run(payload);
    timer();
    jobsTotal.inc({ job: name, outcome: "completed" });
    logger.debug({ job: name, jobId: job.id, ms: Date.now() - started }, "job done");
    return result;
  } catch (error) {
    timer();
    jobsTotal.inc({ job: name, outcome: "failed" });
    logger.error({ job: name, jobId: job.id, attempt: job.attemptsMade + 1, err: (error as Error).message }, "job failed");
    await handler.onFailure?.(payload, error as Error).catch(() => undefined);
    throw error;
  }
}

// A killed worker's active jobs are handed to another worker once their lock expires and a stalled
// check sees it: with a 10 s lock renewed every 5 s and a check every 5 s, within about 15 s (BullMQ's
// defaults, 30 s each, took up to ~90 s). A job stalled twice fails; the sweep then re-enqueues it.
const STALLED_JOB_RECOVERY = { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 2 };

const workers = JOB_NAMES.map(
  (name) =>
    new Worker(queueName(name), (job) => handle(name, job), {
      connection,
      prefix: LOUPE_QUEUE_PREFIX,
      concurrency: JOB_CATALOG[name].concurrency,
      ...STALLED_JOB_RECOVERY,
    }),
);
for (const w of workers) w.on("error", (err) => logger.error({ err: err.message }, "worker error"));

// The sweep runs on a timer in every worker process (one at a time, under a Postgres advisory lock),
// not as a job scheduler kept in Redis: a Redis that restarts empty loses its schedules, and the
// batches it was supposed to recover would wait for a worker restart. It also runs each time the
// Redis connection becomes ready, so batches stored during an outage are queued as soon as it ends.
let sweeping = false;
async function sweep() {
  if (sweeping || stopping) return;
  sweeping = true;
  try {
    const outcome = await runIngestionSweep();
    if (outcome.ran && outcome.result > 0) logger.warn({ count: outcome.result }, "re-enqueued unprocessed ingestion batches");
    const hooks = await runWebhookSweep();
    if (hooks.ran && hooks.result > 0) logger.warn({ count: hooks.result }, "re-enqueued webhook deliveries that had lost their job");
    const deletes = await runMarkedTracesSweep();
    if (deletes.ran && deletes.result > 0) logger.warn({ count: deletes.result }, "re-enqueued trace deletions that had lost their job");
    const projects = await runDeletedProjectsSweep();
    if (projects.ran && projects.result > 0)
      logger.warn({ count: projects.result }, "re-enqueued project deletions that had lost their job");
    const experiments = await runExperimentSweep();
    if (experiments.ran && experiments.result > 0)
      logger.warn({ count: experiments.result }, "re-enqueued experiment items that had lost their job");
    const rollups = await runMetadataRollupSweep();
    if (rollups.ran && rollups.result > 0) logger.warn({ count: rollups.result }, "re-enqueued metadata rollups that had lost their job");
  } catch (error) {
    logger.warn({ err: (error as Error).message }, "ingestion sweep failed; retrying at the next one");
  } finally {
    sweeping = false;
  }
}
if (env.LOUPE_SCHEDULES === "true") {
  setInterval(() => void sweep(), env.LOUPE_SWEEP_INTERVAL_MS).unref();
  connection.on("ready", () => void sweep());
  void sweep();
  void removeLegacySweepSchedule();
  // Audit rows older than LOUPE_AUDIT_RETENTION_DAYS go hourly, in batches, oldest first.
  const retention = () =>
    void runAuditRetention()
      .then((outcome) => {
        if (outcome.ran && outcome.result > 0) logger.info({ deleted: outcome.result }, "audit log retention");
      })
      .catch((error: Error) => logger.warn({ err: error.message }, "audit log retention failed; retrying in an hour"));
  setInterval(retention, 3_600_000).unref();
  retention();
}

/** Earlier versions kept the sweep as a BullMQ job scheduler; drop it so it stops adding jobs nobody takes. */
async function removeLegacySweepSchedule() {
  const legacy = new Queue("ingestion-sweep", { connection, prefix: LOUPE_QUEUE_PREFIX });
  await legacy
    .obliterate({ force: true })
    .catch((err) => logger.warn({ err: (err as Error).message }, "could not remove the legacy sweep schedule"));
  await legacy.close();
}

// Queue depth and lag, every 30 s: a stalled queue shows up in the logs, not only when users notice.
const statsTimer = setInterval(() => {
  queueStats()
    .then((stats) => {
      const lagging = Object.values(stats).some((s) => (s.oldestWaitingMs ?? 0) > 60_000);
      (lagging ? logger.warn : logger.info).call(logger, { queues: stats }, lagging ? "queue lagging" : "queue stats");
    })
    .catch((err) => logger.warn({ err: (err as Error).message }, "could not read queue stats"));
}, 30_000);
statsTimer.unref();

const server = http.createServer((req, res) => {
  if (req.url === "/metrics") {
    if (!isMetricsScrapeAllowed(req.headers.authorization, env.LOUPE_METRICS_TOKEN)) {
      res.writeHead(401, { "content-type": "text/plain; charset=utf-8", "www-authenticate": 'Bearer realm="metrics"' });
      res.end("A bearer token is required to read metrics (LOUPE_METRICS_TOKEN).\n");
      return;
    }
    registry
      .metrics()
      .then((body) => {
        res.writeHead(200, { "content-type": registry.contentType });
        res.end(body);
      })
      .catch((err) => {
        res.writeHead(503, { "content-type": "text/plain" });
        res.end(`metrics unavailable: ${(err as Error).message}`);
      });
    return;
  }
  if (req.url === "/health") {
    queueStats()
      .then((queues) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: "OK", queues }));
      })
      .catch(() => {
        res.writeHead(503, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: "Redis unavailable" }));
      });
    return;
  }
  res.writeHead(404).end();
});
server.listen(env.WORKER_PORT, env.WORKER_HOST, () => {
  const address = server.address();
  logger.info({ port: typeof address === "object" && address ? address.port : env.WORKER_PORT, jobs: JOB_NAMES }, "worker started");
});

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "worker stopping: finishing active jobs");
  const force = setTimeout(() => {
    logger.error("worker did not stop within 30 s; exiting");
    process.exit(1);
  }, 30_000);
  force.unref();
  server.close();
  await Promise.all(workers.map((w) => w.close()));
  await closeQueues();
  connection.disconnect();
  await disconnectPrisma();
  logger.info("worker stopped");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

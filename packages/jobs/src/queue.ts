import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { JOB_CATALOG, type JobName, type JobPayload, queueName } from "./catalog.ts";
import { readJobsEnv } from "./env.ts";

const globalForQueues = globalThis as unknown as {
  __loupeQueues?: Map<JobName, Queue>;
  __loupeRedis?: Redis;
};

/** A Redis connection for BullMQ; workers need `maxRetriesPerRequest: null`. */
export function createRedisConnection(options: { forWorker?: boolean } = {}): Redis {
  const env = readJobsEnv();
  return new Redis(env.REDIS_URL, {
    maxRetriesPerRequest: options.forWorker ? null : 1,
    enableOfflineQueue: options.forWorker ?? false,
    lazyConnect: false,
  });
}

export type { Redis };

/**
 * A connection for Loupe's own keys and channels (throttles, caches, pub/sub): a command waits at
 * most a second, so callers can fall back when Redis is unreachable instead of hanging a request.
 */
export function createRedisClient(): Redis {
  return new Redis(readJobsEnv().REDIS_URL, { maxRetriesPerRequest: 1, commandTimeout: 1_000, connectTimeout: 2_000 });
}

/** A Redis key or channel of this install (the queue prefix keeps tests and installs apart). */
export const redisKey = (...parts: string[]) => [readJobsEnv().LOUPE_QUEUE_PREFIX, ...parts].join(":");

function sharedConnection(): Redis {
  if (!globalForQueues.__loupeRedis) globalForQueues.__loupeRedis = createRedisConnection();
  return globalForQueues.__loupeRedis;
}

export function getQueue(name: JobName): Queue {
  globalForQueues.__loupeQueues ??= new Map();
  let queue = globalForQueues.__loupeQueues.get(name);
  if (!queue) {
    const def = JOB_CATALOG[name];
    queue = new Queue(queueName(name), {
      connection: sharedConnection(),
      prefix: readJobsEnv().LOUPE_QUEUE_PREFIX,
      defaultJobOptions: {
        attempts: def.attempts,
        backoff: { ...def.backoff, delay: Math.round(def.backoff.delay * readJobsEnv().LOUPE_JOB_BACKOFF_SCALE) },
        removeOnComplete: { age: 3600, count: 1000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
    globalForQueues.__loupeQueues.set(name, queue);
  }
  return queue;
}

/** Validates the payload, then adds the job. `jobId` makes re-enqueueing the same work a no-op. */
export async function enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: { jobId?: string } = {}) {
  const data = JOB_CATALOG[name].schema.parse(payload);
  await getQueue(name).add(name, data, { jobId: options.jobId });
}

/** Adds many jobs in one round trip; each `jobId` makes re-adding that job a no-op while it is kept. */
export async function enqueueMany<N extends JobName>(
  name: N,
  jobs: { payload: JobPayload<N>; jobId: string; delayMs?: number }[],
): Promise<void> {
  if (jobs.length === 0) return;
  const schema = JOB_CATALOG[name].schema;
  await getQueue(name).addBulk(
    jobs.map((j) => ({ name, data: schema.parse(j.payload), opts: { jobId: j.jobId, ...(j.delayMs ? { delay: j.delayMs } : {}) } })),
  );
}

/** Job states in which the job will still run (or is running): re-adding it would be a duplicate. */
const LIVE_STATES = new Set(["waiting", "active", "delayed", "prioritized", "waiting-children"]);

/**
 * Adds the job unless one with this id will still run. A job that is gone (Redis lost it) is added
 * again; one that failed for good or completed is replaced, so it runs again with fresh attempts.
 * Returns whether a job was added.
 */
export async function enqueueUnlessLive<N extends JobName>(name: N, payload: JobPayload<N>, jobId: string): Promise<boolean> {
  const queue = getQueue(name);
  const state = await queue.getJobState(jobId);
  if (LIVE_STATES.has(state)) return false;
  if (state !== "unknown") await queue.remove(jobId);
  await enqueue(name, payload, { jobId });
  return true;
}

export async function closeQueues(): Promise<void> {
  const queues = globalForQueues.__loupeQueues;
  if (queues) await Promise.all([...queues.values()].map((q) => q.close()));
  globalForQueues.__loupeQueues = undefined;
  if (globalForQueues.__loupeRedis) {
    globalForQueues.__loupeRedis.disconnect();
    globalForQueues.__loupeRedis = undefined;
  }
}

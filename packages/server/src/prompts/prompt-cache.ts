import { randomBytes } from "node:crypto";
import { readJobsEnv } from "@loupe/jobs";
import { Redis } from "ioredis";
import { promptMemoryCacheEntries } from "../env.ts";
import { logger } from "../logger.ts";
import { LruMap } from "./lru-map.ts";

// Resolved prompts, cached at two levels.
//
// Redis, under a per-project epoch: `<prefix>:prompt:<projectId>:<epoch>:<name>:<selector>`. Any prompt
// write in a project replaces the epoch, so every cached entry of that project (including prompts that
// include the changed one by reference) is unreachable at once; the old entries expire. A reader takes
// the epoch before it reads Postgres, so a fetch racing a write can only fill an entry under the old
// epoch, which nobody reads any more. Redis being down costs speed, never correctness.
//
// In process, in front of Redis: a bounded LRU of the same answers tagged with the epoch they were read
// under, valid while it matches the project's epoch as this process knows it, so a hit touches nothing
// outside the process. A write publishes the new epoch on a Redis channel; every process's subscriber
// records it (older entries stop matching) and confirms on a second channel, and the writer answers only
// once every process the announcement reached has confirmed. A release is therefore seen by the next
// fetch anywhere. A process that cannot confirm in time (its event loop stalled, its connection half
// dead) must not answer from memory either: each process pings Redis on its subscriber connection every
// PING_MS, and its local level counts only while the last answered ping was sent less than LIVENESS_MS
// ago. Redis answers in order, so a process that has not handled an announcement has not handled any
// pong sent after it either; the writer's wait (ACK_WAIT_MS) outlasts LIVENESS_MS, so once the writer
// answers, a process that did not confirm has stopped trusting its entries. While the subscription is
// not live (Redis down, reconnecting), the local level is off and emptied.

const ENTRY_TTL_SECONDS = 3600;
const COMMAND_TIMEOUT_MS = 500;
/** Answers above this size are left to Redis: the local level is for the hot, ordinary prompts. */
const LOCAL_MAX_BYTES = 256 * 1024;
/** What the local level may hold in all (UTF-16 code units ≈ bytes of JSON). */
const LOCAL_TOTAL_BYTES = 64 * 1024 * 1024;
/** How often a process checks that its subscriber connection still hears Redis. */
const PING_MS = 250;
/** A local entry counts only while the last answered ping was sent this recently. */
const LIVENESS_MS = 1000;
/** How long a writer waits for every process's confirmation; longer than LIVENESS_MS (see above). */
const ACK_WAIT_MS = 1200;

// One round trip: the epoch (created when missing) and the entry under it.
const READ_SCRIPT = `
local epoch = redis.call('GET', KEYS[1])
if not epoch then
  epoch = ARGV[2]
  redis.call('SET', KEYS[1], epoch)
end
return {epoch, redis.call('GET', ARGV[1] .. epoch .. ':' .. ARGV[3])}`;

export interface PromptCache {
  /** The cached answer, or `load()`'s, stored at both levels. `load` throws for a missing prompt (nothing cached). */
  get(projectId: string, key: string, load: () => Promise<string>): Promise<string>;
  /** After every committed prompt write of the project. */
  invalidate(projectId: string): Promise<void>;
  close(): void;
}

const newEpoch = () => randomBytes(6).toString("base64url");

export function createPromptCache(options: { redisUrl: string; prefix: string; localEntries?: number }): PromptCache {
  const { prefix } = options;
  const epochKey = (projectId: string) => `${prefix}:prompt-epoch:${projectId}`;
  const entryPrefix = (projectId: string) => `${prefix}:prompt:${projectId}:`;
  const channel = `${prefix}:prompt-epochs`;
  const ackChannel = `${prefix}:prompt-epoch-acks`;

  let lastConnectionWarning = 0;
  const warnOnce = (error: Error) => {
    // ioredis reconnects by itself; say so at most once a minute instead of once per attempt.
    if (Date.now() - lastConnectionWarning < 60_000) return;
    lastConnectionWarning = Date.now();
    logger.warn({ err: error.message }, "prompt cache cannot reach Redis; prompts are read from Postgres meanwhile");
  };
  // Commands wait for the connection (the first invalidation after boot must not be dropped) but never
  // longer than COMMAND_TIMEOUT_MS, so a Redis outage slows a fetch by that much at most.
  const redis = new Redis(options.redisUrl, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: 2000,
  });
  redis.on("error", warnOnce);

  // --- the local level ---------------------------------------------------------------------
  const localEntries = options.localEntries ?? 5000;
  const local = new LruMap<string, { epoch: string; json: string }>(Math.max(1, localEntries), LOCAL_TOTAL_BYTES, (e) => e.json.length);
  /** The project's epoch as last announced or read; a local entry counts only under it. */
  const knownEpoch = new Map<string, string>();
  /** Bumped on every announcement: a read that started before one must not fill the local level. */
  const announcements = new Map<string, number>();
  /** Writes of this process waiting for confirmations, by the epoch they announced. */
  const confirmations = new Map<string, { count: number; needed: number; done: () => void }>();
  let live = false;
  /** When the newest ping that Redis answered on the subscriber connection was sent (performance.now()). */
  let heardAsOf = Number.NEGATIVE_INFINITY;
  const trusted = () => live && performance.now() - heardAsOf < LIVENESS_MS;

  const subscriber = new Redis(options.redisUrl, { connectTimeout: 2000, maxRetriesPerRequest: null });
  subscriber.on("error", warnOnce);
  const goDark = () => {
    live = false;
    local.clear();
    knownEpoch.clear();
  };
  subscriber.on("close", goDark);
  subscriber.on("ready", () => {
    const sent = performance.now();
    subscriber.subscribe(channel, ackChannel).then(
      () => {
        // Announcements sent while we were not listening are lost: start empty.
        goDark();
        heardAsOf = sent;
        live = true;
      },
      (error: Error) => logger.warn({ err: error.message }, "prompt cache cannot subscribe; the in-process level stays off"),
    );
  });
  const pinger = setInterval(() => {
    if (!live) return;
    const sent = performance.now();
    subscriber.ping().then(
      () => {
        heardAsOf = Math.max(heardAsOf, sent);
      },
      () => undefined,
    );
  }, PING_MS);
  pinger.unref();
  subscriber.on("message", (from: string, message: string) => {
    if (from === ackChannel) {
      const waiting = confirmations.get(message);
      if (waiting && ++waiting.count >= waiting.needed) waiting.done();
      return;
    }
    const [projectId, epoch] = message.split(" ");
    if (!projectId || !epoch) return;
    knownEpoch.set(projectId, epoch);
    announcements.set(projectId, (announcements.get(projectId) ?? 0) + 1);
    redis.publish(ackChannel, epoch).catch(() => undefined);
  });

  const localKey = (projectId: string, key: string) => `${projectId}\u0000${key}`;

  function remember(projectId: string, key: string, epoch: string, json: string, since: number) {
    if (!live || localEntries === 0 || json.length > LOCAL_MAX_BYTES || (announcements.get(projectId) ?? 0) !== since) return;
    knownEpoch.set(projectId, epoch);
    local.set(localKey(projectId, key), { epoch, json });
  }

  async function readRedis(projectId: string, key: string): Promise<{ epoch: string | null; value: string | null }> {
    // While disconnected, fetches go straight to Postgres instead of waiting out a command timeout each.
    if (redis.status !== "ready") return { epoch: null, value: null };
    try {
      const [epoch, value] = (await redis.eval(READ_SCRIPT, 1, epochKey(projectId), entryPrefix(projectId), newEpoch(), key)) as [
        string,
        string | null,
      ];
      return { epoch, value };
    } catch (error) {
      logger.warn({ err: (error as Error).message }, "prompt cache read failed; reading Postgres");
      return { epoch: null, value: null };
    }
  }

  return {
    async get(projectId, key, load) {
      if (trusted()) {
        const hit = local.get(localKey(projectId, key));
        if (hit && hit.epoch === knownEpoch.get(projectId)) return hit.json;
      }
      const since = announcements.get(projectId) ?? 0;
      const cached = await readRedis(projectId, key);
      if (cached.value !== null && cached.epoch !== null) {
        remember(projectId, key, cached.epoch, cached.value, since);
        return cached.value;
      }
      const json = await load();
      if (cached.epoch !== null) {
        try {
          await redis.set(`${entryPrefix(projectId)}${cached.epoch}:${key}`, json, "EX", ENTRY_TTL_SECONDS);
          remember(projectId, key, cached.epoch, json, since);
        } catch (error) {
          logger.warn({ err: (error as Error).message }, "prompt cache write failed");
        }
      }
      return json;
    },

    async invalidate(projectId) {
      const epoch = newEpoch();
      // This process stops trusting its entries at once, whatever Redis does.
      knownEpoch.delete(projectId);
      announcements.set(projectId, (announcements.get(projectId) ?? 0) + 1);
      try {
        await redis.set(epochKey(projectId), epoch);
        const waiting: { count: number; needed: number; done: () => void } = { count: 0, needed: Number.POSITIVE_INFINITY, done: () => {} };
        let timer: NodeJS.Timeout | undefined;
        const confirmed = new Promise<void>((resolve) => {
          waiting.done = resolve;
          timer = setTimeout(resolve, ACK_WAIT_MS);
        });
        // Registered before the announcement: a fast confirmation must not arrive unheard.
        confirmations.set(epoch, waiting);
        const reached = await redis.publish(channel, `${projectId} ${epoch}`);
        // Without our own subscription the confirmations cannot be counted: wait the whole ACK_WAIT_MS,
        // after which every process that has not handled the announcement has stopped answering from memory.
        waiting.needed = reached === 0 ? 0 : live ? reached : Number.POSITIVE_INFINITY;
        if (waiting.count >= waiting.needed) waiting.done();
        await confirmed;
        clearTimeout(timer);
        if (live && waiting.count < reached)
          logger.warn(
            { projectId, confirmed: waiting.count, reached },
            "prompt change not confirmed by every process in time; those answer from Redis until they catch up",
          );
      } catch (error) {
        // The write is committed; entries live at most ENTRY_TTL_SECONDS more. Loud, because fetches may be stale until then.
        logger.error(
          { err: (error as Error).message, projectId },
          "prompt cache invalidation failed; cached prompts may be stale for up to an hour",
        );
      } finally {
        confirmations.delete(epoch);
      }
    },

    close() {
      clearInterval(pinger);
      goDark();
      redis.disconnect();
      subscriber.disconnect();
    },
  };
}

const globalForCache = globalThis as unknown as { __loupePromptCache?: PromptCache };

function promptCache(): PromptCache {
  if (!globalForCache.__loupePromptCache) {
    const env = readJobsEnv();
    globalForCache.__loupePromptCache = createPromptCache({
      redisUrl: env.REDIS_URL,
      prefix: env.LOUPE_QUEUE_PREFIX,
      localEntries: promptMemoryCacheEntries(),
    });
  }
  return globalForCache.__loupePromptCache;
}

export const cachedPromptJson = (projectId: string, key: string, load: () => Promise<string>) => promptCache().get(projectId, key, load);

export const invalidatePromptCache = (projectId: string) => promptCache().invalidate(projectId);

export function closePromptCache(): void {
  globalForCache.__loupePromptCache?.close();
  globalForCache.__loupePromptCache = undefined;
}

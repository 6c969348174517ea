import { randomBytes } from "node:crypto";
import { readJobsEnv } from "@loupe/jobs";
import { Redis } from "ioredis";
import { logger } from "../logger.ts";

// Resolved prompts cached in Redis under a per-project epoch: `<prefix>:prompt:<projectId>:<epoch>:<name>:<selector>`.
// Any prompt write in a project replaces the epoch, so every cached entry of that project (including
// prompts that include the changed one by reference) is unreachable at once; the old entries expire.
// A reader takes the epoch before it reads Postgres, so a fetch racing a write can only fill an entry
// under the old epoch, which nobody reads any more. Redis being down costs speed, never correctness:
// reads fall through to Postgres.

const ENTRY_TTL_SECONDS = 3600;

// One round trip: the epoch (created when missing) and the entry under it.
const READ_SCRIPT = `
local epoch = redis.call('GET', KEYS[1])
if not epoch then
  epoch = ARGV[2]
  redis.call('SET', KEYS[1], epoch)
end
return {epoch, redis.call('GET', ARGV[1] .. epoch .. ':' .. ARGV[3])}`;

const globalForCache = globalThis as unknown as { __loupePromptRedis?: Redis };

// Its own connection: commands wait for the connection (the first invalidation after boot must not be
// dropped, as it would be without the offline queue) but never longer than COMMAND_TIMEOUT_MS, so a
// Redis outage slows a fetch by that much at most.
const COMMAND_TIMEOUT_MS = 500;
let lastConnectionWarning = 0;
function redis(): Redis {
  if (!globalForCache.__loupePromptRedis) {
    const client = new Redis(readJobsEnv().REDIS_URL, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: 2000,
    });
    // ioredis reconnects by itself; say so at most once a minute instead of once per attempt.
    client.on("error", (error: Error) => {
      if (Date.now() - lastConnectionWarning < 60_000) return;
      lastConnectionWarning = Date.now();
      logger.warn({ err: error.message }, "prompt cache cannot reach Redis; prompts are read from Postgres meanwhile");
    });
    globalForCache.__loupePromptRedis = client;
  }
  return globalForCache.__loupePromptRedis;
}

const prefix = () => readJobsEnv().LOUPE_QUEUE_PREFIX;
const epochKey = (projectId: string) => `${prefix()}:prompt-epoch:${projectId}`;
const entryPrefix = (projectId: string) => `${prefix()}:prompt:${projectId}:`;
const newEpoch = () => randomBytes(6).toString("base64url");

export type CacheRead = { epoch: string | null; value: string | null };

export async function readCachedPrompt(projectId: string, key: string): Promise<CacheRead> {
  // While disconnected, fetches go straight to Postgres instead of waiting out a command timeout each.
  if (redis().status !== "ready") return { epoch: null, value: null };
  try {
    const [epoch, value] = (await redis().eval(READ_SCRIPT, 1, epochKey(projectId), entryPrefix(projectId), newEpoch(), key)) as [
      string,
      string | null,
    ];
    return { epoch, value };
  } catch (error) {
    logger.warn({ err: (error as Error).message }, "prompt cache read failed; reading Postgres");
    return { epoch: null, value: null };
  }
}

export async function writeCachedPrompt(projectId: string, epoch: string | null, key: string, value: string): Promise<void> {
  if (epoch === null) return;
  try {
    await redis().set(`${entryPrefix(projectId)}${epoch}:${key}`, value, "EX", ENTRY_TTL_SECONDS);
  } catch (error) {
    logger.warn({ err: (error as Error).message }, "prompt cache write failed");
  }
}

/** After every committed prompt write of the project. */
export async function invalidatePromptCache(projectId: string): Promise<void> {
  try {
    await redis().set(epochKey(projectId), newEpoch());
  } catch (error) {
    // The write is committed; entries live at most ENTRY_TTL_SECONDS more. Loud, because fetches may be stale until then.
    logger.error(
      { err: (error as Error).message, projectId },
      "prompt cache invalidation failed; cached prompts may be stale for up to an hour",
    );
  }
}

export function closePromptCache(): void {
  globalForCache.__loupePromptRedis?.disconnect();
  globalForCache.__loupePromptRedis = undefined;
}

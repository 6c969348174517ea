import { createRedisClient, type Redis } from "@loupe/jobs";

const globalForRedis = globalThis as unknown as { __loupeServerRedis?: Redis };

/** The web process's Redis connection for throttles and caches (one per process, made on first use). */
export function sharedRedis(): Redis {
  globalForRedis.__loupeServerRedis ??= createRedisClient();
  return globalForRedis.__loupeServerRedis;
}

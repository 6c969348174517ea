import { findUserSessionVersion, raiseUserSessionVersion, setUserPassword } from "@loupe/db";
import { redisKey } from "@loupe/jobs";
import { logger } from "../logger.ts";
import { sharedRedis } from "../redis.ts";
import { hashPassword } from "./passwords.ts";

/**
 * Sessions are stateless JWTs, made revocable by `User.sessionVersion`: a token carries the version
 * it was issued with, and every authenticated request compares it with the current one. The current
 * version is cached in Redis for at most a minute (the bound on how long a revoked session can live
 * when Redis cannot be told); ending sessions deletes the cached value, so they end at once.
 */
const CACHE_SECONDS = 60;
const cacheKey = (userId: string) => redisKey("session-version", userId);

/** The version a session of this user must carry; null when the user no longer exists. */
export async function currentSessionVersion(userId: string): Promise<number | null> {
  const redis = sharedRedis();
  const cached = await redis.get(cacheKey(userId)).catch(() => null);
  if (cached !== null) return cached === "gone" ? null : Number(cached);
  const version = await findUserSessionVersion(userId);
  await redis.set(cacheKey(userId), version === null ? "gone" : String(version), "EX", CACHE_SECONDS).catch(() => undefined);
  return version;
}

async function forgetSessionVersion(userId: string): Promise<void> {
  await sharedRedis()
    .del(cacheKey(userId))
    .catch((error: Error) =>
      logger.warn({ userId, err: error.message }, "session version cache not cleared; sessions end within a minute"),
    );
}

/** Ends every session of the user (sign-out ends them on every device). */
export async function endUserSessions(userId: string): Promise<void> {
  await raiseUserSessionVersion(userId);
  await forgetSessionVersion(userId);
}

/** Sets a new password; every existing session of the user ends. */
export async function changeUserPassword(userId: string, password: string): Promise<void> {
  await setUserPassword(userId, await hashPassword(password));
  await forgetSessionVersion(userId);
}

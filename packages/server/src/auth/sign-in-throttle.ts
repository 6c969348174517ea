import { createHash } from "node:crypto";
import { redisKey } from "@loupe/jobs";
import { logger } from "../logger.ts";
import { sharedRedis } from "../redis.ts";

/**
 * Password guessing is throttled in Redis, so the limits hold across web replicas. Failures are
 * counted for 15 minutes per account, per client address, and per (address, account) pair:
 * - the pair is locked after 10 failures: one client cannot keep guessing one account;
 * - the address is locked after 100 failures on any accounts (credential stuffing from one host);
 * - the account alone is only slowed (an exponential delay from the 5th failure, at most 8 s), never
 *   locked, so an attacker elsewhere can delay its owner's sign-in but not lock them out.
 * When Redis is unreachable the check lets the attempt through (and logs it): an outage of the
 * cache must not lock every user out.
 */
export const SIGN_IN_LIMITS = {
  windowSeconds: 15 * 60,
  pairLockAfter: 10,
  addressLockAfter: 100,
  accountSlowAfter: 5,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
} as const;

export type SignInVerdict = { allowed: true; delayMs: number } | { allowed: false; retryAfterSeconds: number; message: string };

const digest = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);

function keys(email: string, address: string) {
  const account = digest(email);
  return {
    account: redisKey("sign-in", "account", account),
    address: redisKey("sign-in", "address", address),
    pair: redisKey("sign-in", "pair", address, account),
  };
}

/** Delay before checking a password of an account with `failures` recent failures. */
export function accountDelayMs(failures: number): number {
  const { accountSlowAfter, baseDelayMs, maxDelayMs } = SIGN_IN_LIMITS;
  if (failures < accountSlowAfter) return 0;
  return Math.min(baseDelayMs * 2 ** (failures - accountSlowAfter), maxDelayMs);
}

export async function checkSignIn(email: string, address: string): Promise<SignInVerdict> {
  const k = keys(email, address);
  try {
    const redis = sharedRedis();
    const [account, byAddress, pair] = (await redis.mget(k.account, k.address, k.pair)).map((v) => Number(v ?? 0));
    const locked =
      (pair ?? 0) >= SIGN_IN_LIMITS.pairLockAfter ? k.pair : (byAddress ?? 0) >= SIGN_IN_LIMITS.addressLockAfter ? k.address : null;
    if (locked) {
      const retryAfterSeconds = Math.max(1, await redis.ttl(locked));
      const minutes = Math.ceil(retryAfterSeconds / 60);
      return {
        allowed: false,
        retryAfterSeconds,
        message: `Too many failed sign-in attempts from your network. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      };
    }
    return { allowed: true, delayMs: accountDelayMs(account ?? 0) };
  } catch (error) {
    logger.warn({ err: (error as Error).message }, "sign-in throttle unavailable (Redis); attempt not throttled");
    return { allowed: true, delayMs: 0 };
  }
}

export async function recordSignInFailure(email: string, address: string): Promise<void> {
  const k = keys(email, address);
  const multi = sharedRedis().multi();
  for (const key of [k.account, k.address, k.pair]) multi.incr(key).expire(key, SIGN_IN_LIMITS.windowSeconds, "NX");
  await multi.exec().catch((error: Error) => logger.warn({ err: error.message }, "sign-in failure not recorded (Redis)"));
}

/** A correct password clears the account's and this client's failures (not the address's count on other accounts). */
export async function clearSignInFailures(email: string, address: string): Promise<void> {
  const k = keys(email, address);
  await sharedRedis()
    .del(k.account, k.pair)
    .catch((error: Error) => logger.warn({ err: error.message }, "sign-in failures not cleared (Redis)"));
}

import { redisKey } from "@loupe/jobs";
import { evalEnv } from "../env.ts";
import { sharedRedis } from "../redis.ts";

// Judge calls per LLM connection: at most N in flight per worker process (a semaphore) and at most M
// started per minute across every worker (a Redis counter per connection and minute). A call over the
// minute's budget waits for the next minute rather than failing: the provider's own 429s stay rare.

const inFlight = new Map<string, { running: number; waiting: (() => void)[] }>();

async function acquire(connectionId: string, limit: number): Promise<() => void> {
  let slot = inFlight.get(connectionId);
  if (!slot) {
    slot = { running: 0, waiting: [] };
    inFlight.set(connectionId, slot);
  }
  const s = slot;
  if (s.running >= limit) await new Promise<void>((resolve) => s.waiting.push(resolve));
  else s.running++;
  return () => {
    const next = s.waiting.shift();
    if (next) next();
    else s.running--;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until this minute's budget of the connection has room (Redis down: no global limit, the semaphore still holds). */
async function takeRateToken(connectionId: string, perMinute: number): Promise<void> {
  for (;;) {
    const minute = Math.floor(Date.now() / 60_000);
    const key = redisKey("eval-rate", connectionId, String(minute));
    let count: number;
    try {
      const redis = sharedRedis();
      count = await redis.incr(key);
      if (count === 1) await redis.expire(key, 120);
    } catch {
      return;
    }
    if (count <= perMinute) return;
    await sleep((minute + 1) * 60_000 - Date.now() + Math.floor(Math.random() * 250));
  }
}

/** Runs one judge call within the connection's concurrency and rate limits. */
export async function withConnectionLimits<T>(connectionId: string, call: () => Promise<T>): Promise<T> {
  const env = evalEnv();
  const release = await acquire(connectionId, env.LOUPE_EVAL_CONNECTION_CONCURRENCY);
  try {
    await takeRateToken(connectionId, env.LOUPE_EVAL_CONNECTION_RPM);
    return await call();
  } finally {
    release();
  }
}

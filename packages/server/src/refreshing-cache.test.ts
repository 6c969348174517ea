import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RefreshingCache } from "./refreshing-cache.ts";

/** A loader whose reads the test finishes by hand, counting them. */
function manualLoader() {
  const pending: ((value: string) => void)[] = [];
  let reads = 0;
  const load = (key: string) =>
    new Promise<string>((resolve) => {
      reads++;
      pending.push((value) => resolve(`${key}=${value}`));
    });
  return { load, finish: (value: string) => pending.shift()?.(value), reads: () => reads };
}

/** A cache holding k=1, read at the fake clock's start. */
async function holdingOne() {
  const loader = manualLoader();
  const cache = new RefreshingCache(loader.load, { ttlMs: 5_000, staleMs: 10_000, maxEntries: 10 });
  const first = cache.get("k");
  loader.finish("1");
  await first;
  return { loader, cache };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-12-03T12:00:00Z"));
});
afterEach(() => vi.useRealTimers());

describe("RefreshingCache", () => {
  it("reads once for everyone who asks at the same time, then answers from memory until the TTL", async () => {
    const loader = manualLoader();
    const cache = new RefreshingCache(loader.load, { ttlMs: 5_000, staleMs: 10_000, maxEntries: 10 });
    const asked = [cache.get("k"), cache.get("k"), cache.get("k")];
    loader.finish("1");
    expect(await Promise.all(asked)).toEqual(["k=1", "k=1", "k=1"]);
    vi.advanceTimersByTime(4_999);
    expect(await cache.get("k")).toBe("k=1");
    expect(loader.reads()).toBe(1);
  });

  it("after the TTL answers the old value while one read refreshes it, then the new one", async () => {
    const { loader, cache } = await holdingOne();
    vi.advanceTimersByTime(6_000);
    expect(await Promise.all([cache.get("k"), cache.get("k")])).toEqual(["k=1", "k=1"]);
    expect(loader.reads()).toBe(2);
    loader.finish("2");
    await vi.waitFor(async () => expect(await cache.get("k")).toBe("k=2"));
    expect(loader.reads()).toBe(2);
  });

  it("past the stale window waits for the read instead of answering the old value", async () => {
    const { loader, cache } = await holdingOne();
    vi.advanceTimersByTime(15_001);
    const later = cache.get("k");
    loader.finish("2");
    expect(await later).toBe("k=2");
  });

  it("forget drops the value at once, and a read in flight before it does not put the old value back", async () => {
    const loader = manualLoader();
    const cache = new RefreshingCache(loader.load, { ttlMs: 5_000, staleMs: 10_000, maxEntries: 10 });
    const before = cache.get("k");
    cache.forget("k");
    const after = cache.get("k");
    loader.finish("old");
    loader.finish("new");
    expect(await before).toBe("k=old");
    expect(await after).toBe("k=new");
    expect(await cache.get("k")).toBe("k=new");
    cache.forget();
    const again = cache.get("k");
    loader.finish("newest");
    expect(await again).toBe("k=newest");
    expect(loader.reads()).toBe(3);
  });

  it("a failed read is not cached: the next get reads again", async () => {
    let calls = 0;
    const cache = new RefreshingCache(
      async () => {
        calls++;
        if (calls === 1) throw new Error("database down");
        return "up";
      },
      { ttlMs: 5_000, staleMs: 10_000, maxEntries: 10 },
    );
    await expect(cache.get("k")).rejects.toThrow("database down");
    expect(await cache.get("k")).toBe("up");
  });
});

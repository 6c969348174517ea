import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type Socket, connect as tcpConnect } from "node:net";
import { readJobsEnv } from "@loupe/jobs";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createPromptCache, type PromptCache } from "./prompt-cache.ts";

// Two cache instances on one Redis stand for two web processes: a write through one must be seen on
// the very next fetch through the other, although that one answers hot prompts from its own memory.
const { REDIS_URL } = readJobsEnv();
const prefix = `prompt-cache-test-${randomUUID().slice(0, 8)}`;
const caches: PromptCache[] = [];
const raw = new Redis(REDIS_URL);

const subscriberCount = async () => Number((await raw.pubsub("NUMSUB", `${prefix}:prompt-epochs`))[1]);

/** Two more caches, both subscribed (an announcement from a reaches b). */
async function twoProcesses(redisUrlOfB = REDIS_URL) {
  const before = await subscriberCount();
  const a = createPromptCache({ redisUrl: REDIS_URL, prefix });
  const b = createPromptCache({ redisUrl: redisUrlOfB, prefix });
  caches.push(a, b);
  for (let i = 0; i < 100 && (await subscriberCount()) < before + 2; i++) await new Promise((r) => setTimeout(r, 20));
  return { a, b };
}

const fails = () => Promise.reject(new Error("must not load: the answer should come from a cache"));

/**
 * A TCP proxy in front of Redis that can stall: both directions stop being read, the connections stay
 * open, as with a process whose event loop is stuck or a link that silently drops packets.
 */
async function stallableRedis() {
  const sockets = new Set<Socket>();
  const url = new URL(REDIS_URL);
  const proxy = createServer((client) => {
    const upstream = tcpConnect(Number(url.port || 6379), url.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => undefined);
      s.on("close", () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  proxy.listen(0, "127.0.0.1");
  await once(proxy, "listening");
  const { port } = proxy.address() as { port: number };
  return {
    url: `redis://127.0.0.1:${port}${url.pathname}`,
    stall: () => {
      for (const s of sockets) s.pause();
    },
    resume: () => {
      for (const s of sockets) s.resume();
    },
    close: () => {
      for (const s of sockets) s.destroy();
      proxy.close();
    },
  };
}

afterAll(() => {
  for (const c of caches) c.close();
  raw.disconnect();
});

describe("prompt cache across processes", () => {
  it("answers from process memory, and a write in another process is seen on the next fetch", async () => {
    const { a, b } = await twoProcesses();
    const project = randomUUID();
    expect(await b.get(project, "l:production:p", async () => "v1")).toBe("v1");
    // Redis loses its copy: b still answers from memory (its in-process level).
    for (const key of await raw.keys(`${prefix}:prompt:${project}:*`)) await raw.del(key);
    expect(await b.get(project, "l:production:p", fails)).toBe("v1");

    await a.invalidate(project);
    expect(await b.get(project, "l:production:p", async () => "v2")).toBe("v2");
    expect(await b.get(project, "l:production:p", fails)).toBe("v2");
    // And a's own next fetch goes through the new epoch too (filled by b, read from Redis).
    expect(await a.get(project, "l:production:p", fails)).toBe("v2");
    await b.invalidate(project);
    expect(await a.get(project, "l:production:p", async () => "v3")).toBe("v3");
  });

  it("does not keep what a fetch racing a write read before it", async () => {
    const { a, b } = await twoProcesses();
    const project = randomUUID();
    let finishLoad: (json: string) => void = () => undefined;
    const racing = b.get(project, "k", () => new Promise<string>((resolve) => (finishLoad = resolve)));
    await new Promise((r) => setTimeout(r, 50)); // b has read the epoch and is "in Postgres"
    await a.invalidate(project);
    finishLoad("read before the write");
    expect(await racing).toBe("read before the write"); // that fetch was concurrent with the write
    expect(await b.get(project, "k", async () => "after the write")).toBe("after the write");
  });

  it("a write answers as soon as every process confirmed it, and a memory hit asks Redis nothing", async () => {
    const { a, b } = await twoProcesses();
    const project = randomUUID();
    expect(await b.get(project, "k", async () => "v1")).toBe("v1");
    const monitor = new Redis(REDIS_URL);
    const seen: string[] = [];
    monitor.on("monitor", (_time: string, args: string[]) => seen.push(args.join(" ")));
    await monitor.monitor();
    for (let i = 0; i < 20; i++) expect(await b.get(project, "k", fails)).toBe("v1");
    monitor.disconnect();
    expect(seen.filter((command) => command.includes(project))).toEqual([]);
    const started = performance.now();
    await a.invalidate(project);
    expect(performance.now() - started).toBeLessThan(500);
    expect(await b.get(project, "k", async () => "v2")).toBe("v2");
  });

  it("a process that stops hearing Redis stops answering from memory, and a write waits for it no longer than that takes", async () => {
    const link = await stallableRedis();
    const { a, b } = await twoProcesses(link.url);
    try {
      const project = randomUUID();
      expect(await b.get(project, "k", async () => "v1")).toBe("v1");
      expect(await b.get(project, "k", fails)).toBe("v1");
      link.stall();
      // b's subscriber holds the announcement unread; Redis counts it as reached, so a waits, then answers.
      const started = performance.now();
      await a.invalidate(project);
      const waited = performance.now() - started;
      expect(waited).toBeGreaterThanOrEqual(1100);
      expect(waited).toBeLessThan(3000);
      // b never heard the release, yet no longer trusts its memory: it reads (Redis is stalled: the source).
      expect(await b.get(project, "k", async () => "v2 from the database")).toBe("v2 from the database");
      link.resume();
      await new Promise((r) => setTimeout(r, 400));
      expect(await b.get(project, "k", async () => "v2")).toBe("v2");
      expect(await b.get(project, "k", fails)).toBe("v2");
    } finally {
      link.close();
    }
  });

  it("falls back to loading when Redis is unreachable, and keeps nothing in memory", async () => {
    const down = createPromptCache({ redisUrl: "redis://127.0.0.1:1/0", prefix });
    caches.push(down);
    const project = randomUUID();
    expect(await down.get(project, "k", async () => "one")).toBe("one");
    expect(await down.get(project, "k", async () => "two")).toBe("two");
  });
});

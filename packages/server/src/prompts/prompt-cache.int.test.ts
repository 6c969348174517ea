import { randomUUID } from "node:crypto";
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

async function twoProcesses() {
  const a = createPromptCache({ redisUrl: REDIS_URL, prefix });
  const b = createPromptCache({ redisUrl: REDIS_URL, prefix });
  caches.push(a, b);
  // Both subscribed: an announcement from a reaches b.
  for (let i = 0; i < 100 && (await raw.pubsub("NUMSUB", `${prefix}:prompt-epochs`))[1] !== 2; i++)
    await new Promise((r) => setTimeout(r, 20));
  return { a, b };
}

const fails = () => Promise.reject(new Error("must not load: the answer should come from a cache"));

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

  it("falls back to loading when Redis is unreachable, and keeps nothing in memory", async () => {
    const down = createPromptCache({ redisUrl: "redis://127.0.0.1:1/0", prefix });
    caches.push(down);
    const project = randomUUID();
    expect(await down.get(project, "k", async () => "one")).toBe("one");
    expect(await down.get(project, "k", async () => "two")).toBe("two");
  });
});

import { randomUUID } from "node:crypto";
import { entityLockKey, insertIngestionBatch, lockEntities, prisma } from "@loupe/db";
import { closeQueues, getQueue } from "@loupe/jobs";
import { acceptIngestionBatch, sweepUnprocessedBatches } from "@loupe/server";
import { createProjectWithKeys } from "@loupe/server/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestProcess, freePort, startRedisServer, startTsProcess, startWorker, waitUntil } from "./testing/processes.ts";

// The real worker process on the real queue: what users run, not a handler called in-process.
let worker: TestProcess;
const output = () => worker.output();

beforeAll(async () => {
  worker = await startWorker();
});

afterAll(async () => {
  if (worker && worker.child.exitCode === null) worker.child.kill("SIGKILL");
  await closeQueues();
});

/** The first non-null value of `read`, polled until the worker has written it. */
async function waitFor<T>(read: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  let value: T | null = null;
  await waitUntil(
    async () => {
      value = await read();
      return value !== null;
    },
    timeoutMs,
    () => `worker output:\n${output()}`,
  );
  return value as T;
}

describe("worker", () => {
  it("processes an accepted batch from the queue and prices the generation", async () => {
    const { project } = await createProjectWithKeys();
    const traceId = randomUUID();
    const genId = randomUUID();
    const ts = new Date().toISOString();
    const result = await acceptIngestionBatch(
      { projectId: project.id, scope: "project" },
      {
        batch: [
          { id: randomUUID(), type: "trace-create", timestamp: ts, body: { id: traceId, name: "queued" } },
          {
            id: randomUUID(),
            type: "generation-create",
            timestamp: ts,
            body: { id: genId, traceId, model: "gpt-4o-mini", usage: { input: 2000, output: 1000 } },
          },
        ],
      },
    );
    expect(result).toMatchObject({ ok: true, outcomes: [{ outcome: "stored" }, { outcome: "stored" }] });
    const generation = await waitFor(() =>
      prisma.observation.findFirst({ where: { projectId: project.id, id: genId, costComputedAt: { not: null } } }),
    );
    expect(generation.matchedModelId).toBe("builtin-gpt-4o-mini");
    // gpt-4o-mini list price: $0.15 / 1M input, $0.60 / 1M output.
    expect(Number(generation.totalCost)).toBeCloseTo(2000 * 0.15e-6 + 1000 * 0.6e-6, 10);
    // The batch is marked processed right after pricing.
    await waitFor(() => prisma.ingestionBatch.findFirst({ where: { projectId: project.id, processedAt: { not: null } } }));
  });

  it("recovers a batch that was stored while the queue was unreachable, through the sweep", async () => {
    const { project } = await createProjectWithKeys();
    const traceId = randomUUID();
    // What the request path leaves behind when Redis is down: a durable batch and no job.
    await insertIngestionBatch({
      projectId: project.id,
      source: "ingestion",
      events: [{ id: randomUUID(), type: "trace-create", timestamp: new Date().toISOString(), body: { id: traceId, name: "orphaned" } }],
    });
    // No job exists for it: only the sweep can get it merged.
    expect(await sweepUnprocessedBatches(0, { projectId: project.id })).toBe(1);
    const trace = await waitFor(() => prisma.trace.findFirst({ where: { projectId: project.id, id: traceId } }));
    expect(trace.name).toBe("orphaned");
  });

  it("stores the same span and trace whatever order their events arrive in, one after another or concurrently", async () => {
    const { project } = await createProjectWithKeys();
    const t0 = Date.now() - 60_000;
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    // A 28.7 s span of the legacy SDK: its create, an update and its end, sent in separate flushes.
    const eventsOf = (traceId: string, spanId: string) => ({
      trace: [
        { id: randomUUID(), type: "trace-create", timestamp: at(0), body: { id: traceId, timestamp: at(0), name: "ordered", tags: ["a"] } },
        { id: randomUUID(), type: "trace-create", timestamp: at(29_000), body: { id: traceId, output: "done", tags: ["b"] } },
      ],
      span: [
        {
          id: randomUUID(),
          type: "span-create",
          timestamp: at(100),
          body: { id: spanId, traceId, startTime: at(100), name: "long", input: "question", metadata: { step: { n: 1 } } },
        },
        {
          id: randomUUID(),
          type: "span-update",
          timestamp: at(15_000),
          body: { id: spanId, traceId, name: "long-renamed", level: "WARNING", metadata: { step: { m: 2 } } },
        },
        {
          id: randomUUID(),
          type: "span-update",
          timestamp: at(28_800),
          body: { id: spanId, traceId, endTime: at(28_800), output: "answer", statusMessage: "ok" },
        },
      ],
    });
    const permutations = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    const cases = permutations.flatMap((order, i) =>
      (["sequential", "concurrent"] as const).map((arrival) => {
        const ids = { traceId: randomUUID(), spanId: randomUUID() };
        const { trace, span } = eventsOf(ids.traceId, ids.spanId);
        const traceEvents = i % 2 === 0 ? trace : [...trace].reverse();
        // One event per batch: the span's in the permutation's order, the trace's around them.
        const batches = [traceEvents[0], ...order.map((k) => span[k]), traceEvents[1]].map((event) => [event]);
        return { ...ids, arrival, batches };
      }),
    );
    const accept = async (batch: unknown[]) => {
      const result = await acceptIngestionBatch({ projectId: project.id, scope: "project" }, { batch });
      expect(result.ok).toBe(true);
    };
    const processedCount = () => prisma.ingestionBatch.count({ where: { projectId: project.id, processedAt: { not: null } } });
    // Sequential: each batch is merged before the next arrives, so the order is exactly the permutation's.
    let done = 0;
    for (const c of cases.filter((x) => x.arrival === "sequential")) {
      for (const batch of c.batches) {
        await accept(batch);
        done++;
        await waitFor(async () => ((await processedCount()) >= done ? true : null));
      }
    }
    // Concurrent: every batch at once, merged by the worker's parallel jobs.
    await Promise.all(cases.filter((x) => x.arrival === "concurrent").flatMap((c) => c.batches.map(accept)));
    await waitFor(async () => ((await processedCount()) === cases.length * 5 ? true : null), 30_000);

    const rows = await Promise.all(
      cases.map(async ({ traceId, spanId }) => {
        const o = await prisma.observation.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: spanId } } });
        const t = await prisma.trace.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: traceId } } });
        return {
          observation: {
            name: o.name,
            startTime: o.startTime.toISOString(),
            endTime: o.endTime?.toISOString(),
            level: o.level,
            statusMessage: o.statusMessage,
            input: o.input,
            output: o.output,
            metadata: o.metadata,
          },
          trace: { timestamp: t.timestamp.toISOString(), name: t.name, output: t.output, tags: t.tags, latencyMs: t.latencyMs },
        };
      }),
    );
    expect(rows[0]).toEqual({
      observation: {
        name: "long-renamed",
        startTime: at(100),
        endTime: at(28_800),
        level: "WARNING",
        statusMessage: "ok",
        input: "question",
        output: "answer",
        metadata: { step: { n: 1, m: 2 } },
      },
      trace: { timestamp: at(0), name: "ordered", output: "done", tags: ["a", "b"], latencyMs: 28_700 },
    });
    for (const [i, row] of rows.entries()) expect(row, `${cases[i]?.arrival} arrival ${i}`).toEqual(rows[0]);
  });

  it("serves Prometheus metrics with queue depth, lag and job outcomes", async () => {
    const port = Number(output().match(/"port":(\d+)[^\n]*worker started/)?.[1]);
    expect(port).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/loupe_queue_jobs\{job="ingestion.process",state="waiting"\} \d+/);
    expect(text).toMatch(/loupe_queue_oldest_waiting_seconds\{job="ingestion.process"\} [\d.]+/);
    expect(text).toMatch(/loupe_jobs_total\{job="ingestion.process",outcome="completed"\} [1-9]/);
  });

  it("shuts down gracefully on SIGTERM", async () => {
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(output()).toContain("worker stopped");
  });
});

// Kill -9 of the acknowledging process and of the worker, mid-stream: everything acknowledged must
// end up stored exactly once after a restart and the sweep (which production runs every minute).

const OBSERVATIONS_PER_TRACE = 19; // see testing/ack-producer.ts
// A queue of its own: a worker killed here must not sit on jobs that the tests above wait for.
const queue = { LOUPE_QUEUE_PREFIX: `${process.env.LOUPE_QUEUE_PREFIX ?? "loupe"}-durability` };
const running: TestProcess[] = [];
afterAll(() => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill("SIGKILL");
});

const ackedTraceIds = (p: TestProcess) => [...p.output().matchAll(/^acked (\S+)$/gm)].map((m) => m[1] as string);

describe("durability", () => {
  it("loses nothing acknowledged when web and worker are killed with SIGKILL mid-stream", { timeout: 180_000 }, async () => {
    const { project } = await createProjectWithKeys();
    const projectId = project.id;
    const firstWorker = await startWorker(queue);
    const producer = startTsProcess("src/testing/ack-producer.ts", [projectId], queue);
    running.push(firstWorker, producer);

    // Let both sides be busy: batches acknowledged, some merged, more in flight.
    await waitUntil(
      async () =>
        ackedTraceIds(producer).length >= 60 &&
        (await prisma.ingestionBatch.count({ where: { projectId, processedAt: { not: null } } })) >= 5,
      60_000,
      () => `producer/worker made no progress:\n${producer.output()}\n${firstWorker.output()}`,
    );
    producer.child.kill("SIGKILL");
    firstWorker.child.kill("SIGKILL");
    await Promise.all([producer.exited, firstWorker.exited]);
    const acked = ackedTraceIds(producer);
    const unprocessedAtKill = await prisma.ingestionBatch.count({ where: { projectId, processedAt: null } });
    // The point of the test: work was still pending when both died.
    expect(unprocessedAtKill).toBeGreaterThan(0);

    const secondWorker = await startWorker(queue);
    running.push(secondWorker);
    const sweep = startTsProcess("src/testing/sweep-now.ts", [projectId], queue);
    expect(await sweep.exited, sweep.output()).toBe(0);
    await waitUntil(
      async () => (await prisma.ingestionBatch.count({ where: { projectId, processedAt: null } })) === 0,
      60_000,
      () => `batches still unprocessed:\n${secondWorker.output()}`,
    );

    // Every acknowledged trace is there, whole; nothing is duplicated or half-written.
    const stored = await prisma.ingestionBatch.count({ where: { projectId } });
    expect(stored).toBeGreaterThanOrEqual(acked.length);
    const traces = await prisma.trace.findMany({ where: { projectId }, select: { id: true } });
    expect(traces).toHaveLength(stored);
    expect(new Set(traces.map((t) => t.id))).toEqual(new Set([...traces.map((t) => t.id), ...acked]));
    const perTrace = await prisma.observation.groupBy({ by: ["traceId"], where: { projectId }, _count: { _all: true } });
    expect(perTrace).toHaveLength(stored);
    expect(perTrace.every((g) => g._count._all === OBSERVATIONS_PER_TRACE)).toBe(true);
    const unpriced = await prisma.observation.count({ where: { projectId, type: "GENERATION", totalCost: null } });
    expect(unpriced).toBe(0);
  });
});

// Issue 7.6: acknowledged means merged, whatever happens to Redis or to a worker.

describe("recovery", () => {
  it("merges every batch acknowledged around a Redis restart that loses all keys, within a minute, restarting nothing", {
    timeout: 240_000,
  }, async () => {
    const { project } = await createProjectWithKeys();
    const projectId = project.id;
    const port = await freePort();
    let redis = await startRedisServer(port);
    // Its own Redis and queue, and the sweep on, as in production (default interval).
    const env = { REDIS_URL: redis.url, LOUPE_QUEUE_PREFIX: "loupe-recovery", LOUPE_SCHEDULES: "true" };
    const redisWorker = await startWorker(env);
    const producer = startTsProcess("src/testing/ack-producer.ts", [projectId], env);
    running.push(redisWorker, producer, redis);
    const processed = () => prisma.ingestionBatch.count({ where: { projectId, processedAt: { not: null } } });

    await waitUntil(
      async () => ackedTraceIds(producer).length >= 20 && (await processed()) >= 5,
      60_000,
      () => `no progress before the restart:\n${producer.output()}\n${redisWorker.output()}`,
    );
    redis.child.kill("SIGKILL");
    await redis.exited;
    const ackedBeforeOutage = ackedTraceIds(producer).length;
    // The web keeps acknowledging while the queue is unreachable: the batches are in Postgres.
    await waitUntil(
      () => ackedTraceIds(producer).length >= ackedBeforeOutage + 20,
      30_000,
      () => `nothing acknowledged while Redis was down:\n${producer.output()}`,
    );
    redis = await startRedisServer(port);
    running.push(redis);
    const backAt = Date.now();
    // And through the seconds in which the clients reconnect.
    await new Promise((r) => setTimeout(r, 3_000));
    producer.child.kill("SIGKILL");
    await producer.exited;
    const acked = ackedTraceIds(producer);
    expect(acked.length).toBeGreaterThan(ackedBeforeOutage + 20);

    await waitUntil(
      async () => (await prisma.ingestionBatch.count({ where: { projectId, processedAt: null } })) === 0,
      60_000,
      () => `batches still unprocessed a minute after Redis came back:\n${redisWorker.output().slice(-3000)}`,
    );
    expect(Date.now() - backAt).toBeLessThan(60_000);
    expect(redisWorker.child.exitCode).toBeNull();
    expect(redisWorker.output()).toContain("re-enqueued unprocessed ingestion batches");
    const traces = await prisma.trace.findMany({ where: { projectId, id: { in: acked } }, select: { id: true } });
    expect(traces).toHaveLength(acked.length);
    const observations = await prisma.observation.count({ where: { projectId, traceId: { in: acked } } });
    expect(observations).toBe(acked.length * OBSERVATIONS_PER_TRACE);
    redisWorker.child.kill("SIGKILL");
    redis.child.kill("SIGKILL");
  });

  it("hands the jobs a SIGKILLed worker was running to another worker within 30 s", { timeout: 120_000 }, async () => {
    const { project } = await createProjectWithKeys();
    const traceIds = Array.from({ length: 4 }, () => randomUUID());
    // Hold the traces' entity locks, so the worker's merges of them block mid-job.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const holding = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = prisma.$transaction(
      async (tx) => {
        await lockEntities(
          tx,
          traceIds.map((id) => entityLockKey(project.id, "trace", id)),
        );
        locked();
        await released;
      },
      { timeout: 90_000 },
    );
    await holding;
    const first = await startWorker();
    running.push(first);
    for (const traceId of traceIds) {
      const result = await acceptIngestionBatch(
        { projectId: project.id, scope: "project" },
        {
          batch: [{ id: randomUUID(), type: "trace-create", timestamp: new Date().toISOString(), body: { id: traceId, name: "stalled" } }],
        },
      );
      expect(result.ok).toBe(true);
    }
    const queue = getQueue("ingestion.process");
    await waitUntil(
      async () => (await queue.getActiveCount()) === traceIds.length,
      30_000,
      () => `the jobs never became active:\n${first.output()}`,
    );

    first.child.kill("SIGKILL");
    await first.exited;
    const killedAt = Date.now();
    release();
    await holder;
    const second = await startWorker();
    running.push(second);
    await waitUntil(
      async () => (await prisma.trace.count({ where: { projectId: project.id, name: "stalled" } })) === traceIds.length,
      30_000,
      () => `the killed worker's jobs did not come back within 30 s:\n${second.output()}`,
    );
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    second.child.kill("SIGTERM");
    await second.exited;
  });
});

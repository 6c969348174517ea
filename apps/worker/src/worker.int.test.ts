import { randomUUID } from "node:crypto";
import { insertIngestionBatch, prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { acceptIngestionBatch, sweepUnprocessedBatches } from "@loupe/server";
import { createProjectWithKeys } from "@loupe/server/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestProcess, startTsProcess, startWorker, waitUntil } from "./testing/processes.ts";

// The real worker process on the real queue: what users run, not a handler called in-process.
let worker: TestProcess;
const output = () => worker.output();

beforeAll(async () => {
  worker = await startWorker();
});

afterAll(async () => {
  if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
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

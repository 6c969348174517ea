import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { sweepUnprocessedBatches } from "@loupe/server";
import { createProjectWithKeys } from "@loupe/server/testing";
import { afterAll, describe, expect, it } from "vitest";
import { type TestProcess, startTsProcess, startWorker, waitUntil } from "./testing/processes.ts";

// Kill -9 of the acknowledging process and of the worker, mid-stream: everything acknowledged must
// end up stored exactly once after a restart and the sweep (which production runs every minute).

const OBSERVATIONS_PER_TRACE = 19; // see testing/ack-producer.ts
const running: TestProcess[] = [];

afterAll(async () => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  await closeQueues();
});

const ackedTraceIds = (p: TestProcess) => [...p.output().matchAll(/^acked (\S+)$/gm)].map((m) => m[1] as string);

describe("durability", () => {
  it("loses nothing acknowledged when web and worker are killed with SIGKILL mid-stream", { timeout: 180_000 }, async () => {
    const { project } = await createProjectWithKeys();
    const projectId = project.id;
    const firstWorker = await startWorker();
    const producer = startTsProcess("src/testing/ack-producer.ts", [projectId]);
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

    const secondWorker = await startWorker();
    running.push(secondWorker);
    await sweepUnprocessedBatches(0);
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

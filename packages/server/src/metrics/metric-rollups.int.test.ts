import { randomUUID } from "node:crypto";
import { type TMetricsQuery, ZMetricsQuery } from "@loupe/contracts";
import { prisma, runMetricsQuery } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { afterAll, describe, expect, it } from "vitest";
import { acceptIngestionBatch } from "../ingestion/accept-batch.ts";
import { processIngestionBatch } from "../ingestion/process-batch.ts";
import { createProjectWithKeys } from "../testing.ts";
import { backfillRollups, compactRollupsAfterMerge } from "./metric-rollups.ts";

// Rollups through the real merge, as the worker runs it (merge, then compaction): SDK retries of a
// batch, updates of the same generation arriving before its create, and replays must count each
// observation once, with its final values.

afterAll(async () => {
  await closeQueues();
});

const range = { fromTimestamp: "2026-11-20T00:00:00Z", toTimestamp: "2026-11-21T00:00:00Z" };
const byModel: TMetricsQuery = ZMetricsQuery.parse({
  ...range,
  view: "observations",
  dimensions: [{ field: "providedModelName" }, { field: "level" }],
  metrics: [
    { measure: "count", aggregation: "count" },
    { measure: "totalTokens", aggregation: "sum" },
    { measure: "latency", aggregation: "avg" },
    { measure: "error", aggregation: "sum" },
  ],
  orderBy: [{ field: "providedModelName", direction: "asc" }],
});
const traces: TMetricsQuery = ZMetricsQuery.parse({
  ...range,
  view: "traces",
  dimensions: [{ field: "name" }],
  metrics: [
    { measure: "count", aggregation: "count" },
    { measure: "totalTokens", aggregation: "sum" },
  ],
});

async function ingest(projectId: string, events: object[]) {
  await acceptIngestionBatch({ projectId, scope: "project" }, { batch: events as never });
  for (const b of await prisma.ingestionBatch.findMany({ where: { projectId, processedAt: null }, orderBy: { receivedAt: "asc" } })) {
    // The worker's ingestion job: merge, then fold the deltas.
    const result = await processIngestionBatch(b.id);
    if (result.processed) await compactRollupsAfterMerge(projectId, 0);
    // A replay of a processed batch (a redelivered job) must add nothing.
    expect((await processIngestionBatch(b.id)).processed).toBe(false);
  }
}

describe("metric rollups after the merge", () => {
  it("count each generation once, with its final model, level and usage, under retries, reordering and replays", async () => {
    const { project } = await createProjectWithKeys();
    const projectId = project.id;
    const traceId = randomUUID();
    const [g1, g2] = [randomUUID(), randomUUID()];
    const start = "2026-11-20T10:00:00.000Z";
    const create = (id: string, model: string, ms: number) => ({
      id: randomUUID(),
      type: "generation-create",
      timestamp: start,
      body: {
        id,
        traceId,
        name: "llm",
        model,
        startTime: start,
        endTime: new Date(Date.parse(start) + ms).toISOString(),
        usageDetails: { input: 10, output: 5 },
      },
    });
    const traceEvent = { id: randomUUID(), type: "trace-create", timestamp: start, body: { id: traceId, name: "chat", timestamp: start } };
    // The update (later event time) arrives before the create: order-independent merge (ADR 0003).
    const update = {
      id: randomUUID(),
      type: "generation-update",
      timestamp: "2026-11-20T10:00:05.000Z",
      body: { id: g1, traceId, level: "ERROR", usageDetails: { input: 100, output: 50 } },
    };
    await ingest(projectId, [update]);
    const batch = [traceEvent, create(g1, "gpt-4o", 1000), create(g2, "gpt-4o-mini", 3000)];
    await ingest(projectId, batch);
    // The SDK retries the same batch (same event ids) and sends the update again.
    await ingest(projectId, batch);
    await ingest(projectId, [update]);

    const rolled = await runMetricsQuery(projectId, byModel, { version: 2 });
    expect(rolled).toEqual([
      { providedModelName: "gpt-4o", level: "ERROR", count_count: 1, sum_totalTokens: 150, avg_latency: 1000, sum_error: 1 },
      { providedModelName: "gpt-4o-mini", level: "DEFAULT", count_count: 1, sum_totalTokens: 15, avg_latency: 3000, sum_error: 0 },
    ]);
    expect(rolled).toEqual(await runMetricsQuery(projectId, byModel, { version: 2, rollups: false }));
    expect(await runMetricsQuery(projectId, traces, { version: 1 })).toEqual([{ name: "chat", count_count: 1, sum_totalTokens: 165 }]);
    // Everything folded: nothing pending after the worker's (here unthrottled) compactions.
    const [pending] = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "ObservationRollupDelta" WHERE "projectId" = ${projectId}`;
    expect(pending?.n).toBe(0);
    // A backfill rebuilds the same rollups from the rows.
    expect(await backfillRollups([projectId])).toEqual([projectId]);
    expect(await runMetricsQuery(projectId, byModel, { version: 2 })).toEqual(rolled);
  });

  it("throttles compaction per project, folding what a skipped call left with a trailing timer", async () => {
    const { project } = await createProjectWithKeys();
    const pending = async () =>
      (await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "TraceRollupDelta" WHERE "projectId" = ${project.id}`)[0]?.n;
    const trace = (id: string) => prisma.trace.create({ data: { projectId: project.id, id, timestamp: new Date("2026-11-20T10:00:00Z") } });
    await trace("a");
    // 2 s: the interval counts from the start of the first fold, which takes a while on a loaded machine.
    await compactRollupsAfterMerge(project.id, 2000);
    expect(await pending()).toBe(0);
    await trace("b");
    await compactRollupsAfterMerge(project.id, 2000); // within the interval: left pending…
    expect(await pending()).toBe(1);
    await expect.poll(pending, { timeout: 8000 }).toBe(0); // …then folded by the trailing timer
  });
});

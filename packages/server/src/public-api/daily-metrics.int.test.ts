import { randomUUID } from "node:crypto";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { afterAll, describe, expect, it } from "vitest";
import { acceptIngestionBatch } from "../ingestion/accept-batch.ts";
import { processIngestionBatch } from "../ingestion/process-batch.ts";
import { createProjectWithKeys } from "../testing.ts";
import { getDailyMetrics } from "./daily-metrics.ts";

afterAll(async () => {
  await closeQueues();
});

async function trace(projectId: string, day: string, name: string, model: string | null, usage: { input: number; output: number }) {
  const traceId = randomUUID();
  const ts = `${day}T12:00:00.000Z`;
  const batch = [
    { id: randomUUID(), type: "trace-create", timestamp: ts, body: { id: traceId, name, timestamp: ts } },
    {
      id: randomUUID(),
      type: "generation-create",
      timestamp: ts,
      body: { id: randomUUID(), traceId, model, startTime: ts, usageDetails: usage },
    },
  ];
  await acceptIngestionBatch({ projectId, scope: "project" }, { batch });
  for (const b of await prisma.ingestionBatch.findMany({ where: { projectId, processedAt: null } })) await processIngestionBatch(b.id);
}

describe("GET /api/public/metrics/daily", () => {
  it("sums traces, observations, usage and cost per UTC day and model, newest day first", async () => {
    const { project } = await createProjectWithKeys();
    await trace(project.id, "2026-11-20", "chat", "gpt-4o", { input: 1000, output: 100 });
    await trace(project.id, "2026-11-20", "chat", "gpt-4o-mini", { input: 2000, output: 200 });
    await trace(project.id, "2026-11-21", "search", "gpt-4o", { input: 500, output: 50 });

    const all = await getDailyMetrics(project.id, { page: 1, limit: 50 });
    expect(all.meta).toEqual({ page: 1, limit: 50, totalItems: 2, totalPages: 1 });
    expect(all.data.map((d) => [d.date, d.countTraces, d.countObservations])).toEqual([
      ["2026-11-21", 1, 1],
      ["2026-11-20", 2, 2],
    ]);
    const day20 = all.data[1];
    expect(day20?.usage.find((u) => u.model === "gpt-4o")).toMatchObject({
      inputUsage: 1000,
      outputUsage: 100,
      totalUsage: 1100,
      countTraces: 1,
    });
    // gpt-4o: 1000 × 2.5e-6 + 100 × 1e-5; gpt-4o-mini: 2000 × 0.15e-6 + 200 × 0.6e-6
    expect(day20?.totalCost).toBeCloseTo(0.0035 + 0.00042, 10);

    const filtered = await getDailyMetrics(project.id, { page: 1, limit: 1, traceName: "chat" });
    expect(filtered.data.map((d) => d.date)).toEqual(["2026-11-20"]);
    expect(filtered.meta.totalItems).toBe(1);
    const paged = await getDailyMetrics(project.id, { page: 2, limit: 1 });
    expect(paged.data.map((d) => d.date)).toEqual(["2026-11-20"]);
    expect(paged.meta).toMatchObject({ totalItems: 2, totalPages: 2 });
    const empty = await getDailyMetrics(project.id, { page: 5, limit: 1 });
    expect(empty).toMatchObject({ data: [], meta: { totalItems: 2 } });
  });
});

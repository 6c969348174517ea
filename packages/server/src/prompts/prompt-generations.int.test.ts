import { randomUUID } from "node:crypto";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { afterAll, describe, expect, it } from "vitest";
import { acceptIngestionBatch } from "../ingestion/accept-batch.ts";
import { processIngestionBatch } from "../ingestion/process-batch.ts";
import { createProjectWithKeys } from "../testing.ts";
import { getPromptMetrics, getPromptVersionGenerations } from "./prompt-generations.ts";

afterAll(async () => {
  await closeQueues();
});

const ev = (type: string, body: Record<string, unknown>) => ({ id: randomUUID(), type, timestamp: new Date().toISOString(), body });

async function ingest(projectId: string, batch: ReturnType<typeof ev>[]) {
  await acceptIngestionBatch({ projectId, scope: "project" }, { batch });
  for (const b of await prisma.ingestionBatch.findMany({ where: { projectId, processedAt: null } })) await processIngestionBatch(b.id);
}

/** A generation of `promptName` v`version` that took `ms`, with usage and cost as the SDK reports them. */
function generation(traceId: string, promptName: string, promptVersion: number, ms: number, startedMinutesAgo = 1) {
  const start = new Date(Date.now() - startedMinutesAgo * 60_000);
  return ev("generation-create", {
    id: randomUUID(),
    traceId,
    name: "answer",
    model: "gpt-4o-mini",
    startTime: start.toISOString(),
    endTime: new Date(start.getTime() + ms).toISOString(),
    promptName,
    promptVersion,
    usageDetails: { input: 100, output: 20 },
    costDetails: { total: 0.001 },
  });
}

describe("a prompt's linked generations", () => {
  it("aggregates count, latency percentiles, cost, tokens and scores per version, inside the project and the window", async () => {
    const { project } = await createProjectWithKeys();
    const other = await createProjectWithKeys();
    const [t1, t2, t3] = [randomUUID(), randomUUID(), randomUUID()];
    const v1 = [100, 200, 300, 400].map((ms) => generation(t1, "triage", 1, ms));
    const v2 = generation(t2, "triage", 2, 1000);
    await ingest(project.id, [
      ...v1,
      v2,
      generation(t3, "triage", 1, 50, 60 * 24 * 10), // ten days ago: outside a 7-day window
      generation(t3, "other-prompt", 1, 5),
      ev("score-create", { id: randomUUID(), traceId: t1, name: "helpful", value: 0.5 }),
      ev("score-create", { id: randomUUID(), traceId: t2, observationId: v2.body.id, name: "helpful", value: 1, dataType: "BOOLEAN" }),
      ev("score-create", { id: randomUUID(), traceId: t2, name: "tone", value: "calm", dataType: "CATEGORICAL" }),
    ]);
    // The same name in another project must not count.
    await ingest(other.project.id, [generation(randomUUID(), "triage", 1, 9999)]);

    const week = await getPromptMetrics(project.id, "triage", 7);
    expect(week.days).toBe(7);
    expect(week.data.map((d) => d.version)).toEqual([2, 1]);
    const [second, first] = week.data;
    expect(first).toMatchObject({ version: 1, count: 4, inputTokens: 400, outputTokens: 80 });
    expect(first?.latencyP50Ms).toBeCloseTo(250, 5);
    expect(first?.latencyP95Ms).toBeCloseTo(385, 5);
    expect(first?.totalCost).toBeCloseTo(0.004, 9);
    // Trace-level scores count for each generation of the trace.
    expect(first?.scores).toEqual([{ name: "helpful", average: 0.5, count: 4 }]);
    expect(second).toMatchObject({ version: 2, count: 1, latencyP50Ms: 1000, scores: [{ name: "helpful", average: 1, count: 1 }] });

    const month = await getPromptMetrics(project.id, "triage", 30);
    expect(month.data.find((d) => d.version === 1)?.count).toBe(5);

    const list = await getPromptVersionGenerations(project.id, "triage", 1);
    expect(list.data).toHaveLength(5);
    expect(list.data.every((g) => g.traceId === t1 || g.traceId === t3)).toBe(true);
    expect(list.data.map((g) => g.startTime)).toEqual([...list.data.map((g) => g.startTime)].sort().reverse());
    expect((await getPromptVersionGenerations(other.project.id, "triage", 2)).data).toEqual([]);
  });

  it("walks the (projectId, promptName, promptVersion, startTime) index", async () => {
    // The test database is small, so the planner would scan; with scans off it shows which index fits.
    const plan = await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT o."id" FROM "Observation" o WHERE o."projectId" = 'p' AND o."promptName" = 'n' AND o."promptVersion" = 1
         ORDER BY o."startTime" DESC LIMIT 50`,
      );
    });
    expect(plan.map((r) => r["QUERY PLAN"]).join("\n")).toContain("Observation_projectId_promptName_promptVersion_startTime_idx");
  });
});

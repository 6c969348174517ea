import { randomUUID } from "node:crypto";
import { ZCreateDatasetBody, ZCreateDatasetItemBody, ZCreateDatasetRunItemBody } from "@loupe/contracts";
import { prisma } from "@loupe/db";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { createPublicDatasetRunItem, upsertPublicDataset, upsertPublicDatasetItem } from "../public-api/datasets.ts";
import { createProjectWithKeys } from "../testing.ts";
import { compareDatasetRuns } from "./compare-runs.ts";

async function trace(projectId: string, output: unknown, latencyMs: number, totalCost: number) {
  const id = randomUUID();
  await prisma.trace.create({ data: { projectId, id, timestamp: new Date(), output: output as object, latencyMs, totalCost } });
  return id;
}

describe("compareDatasetRuns", () => {
  it("puts each run's output, latency, cost and scores beside the item, with per-run aggregates", async () => {
    const projectId = (await createProjectWithKeys()).project.id;
    const name = `cmp-${randomUUID().slice(0, 6)}`;
    const dataset = await upsertPublicDataset(projectId, ZCreateDatasetBody.parse({ name }));
    for (const id of ["q1", "q2", "q3"])
      await upsertPublicDatasetItem(
        projectId,
        ZCreateDatasetItemBody.parse({ datasetName: name, id: `${name}-${id}`, input: `${id}?`, expectedOutput: `${id}!` }),
      );
    const link = (runName: string, item: string, traceId: string) =>
      createPublicDatasetRunItem(projectId, ZCreateDatasetRunItemBody.parse({ runName, datasetItemId: `${name}-${item}`, traceId }));
    const a1 = await trace(projectId, "q1! (a)", 100, 0.001);
    const a2 = await trace(projectId, { answer: "q2 (a)" }, 300, 0.003);
    const b1 = await trace(projectId, "q1! (b)", 50, 0.0005);
    await link("baseline", "q1", a1);
    await link("baseline", "q2", a2);
    await link("candidate", "q1", b1);
    await prisma.score.createMany({
      data: [
        { id: randomUUID(), projectId, traceId: a1, name: "correct", value: 1, dataType: "NUMERIC", source: "API", timestamp: new Date() },
        { id: randomUUID(), projectId, traceId: a2, name: "correct", value: 0, dataType: "NUMERIC", source: "API", timestamp: new Date() },
        { id: randomUUID(), projectId, traceId: b1, name: "correct", value: 1, dataType: "NUMERIC", source: "API", timestamp: new Date() },
      ],
    });
    const runs = await prisma.datasetRun.findMany({ where: { projectId, datasetId: dataset.id }, orderBy: { name: "asc" } });
    const [baseline, candidate] = runs.map((r) => r.id) as [string, string];
    // The candidate was a UI experiment: it failed on q2 and never got to q3.
    const experiment = await prisma.datasetExperiment.create({ data: { projectId, datasetId: dataset.id, runId: candidate, config: {} } });
    await prisma.datasetExperimentItem.createMany({
      data: [
        { projectId, experimentId: experiment.id, datasetItemId: `${name}-q1`, datasetItemVersion: 1, status: "DONE", traceId: b1 },
        {
          projectId,
          experimentId: experiment.id,
          datasetItemId: `${name}-q2`,
          datasetItemVersion: 1,
          status: "FAILED",
          error: "The item's input has no value for {{country}}",
        },
        { projectId, experimentId: experiment.id, datasetItemId: `${name}-q3`, datasetItemVersion: 1, status: "CANCELLED" },
      ],
    });

    const view = await compareDatasetRuns(projectId, dataset.id, [baseline, candidate]);
    expect(view.runs.map((r) => [r.name, r.itemCount, r.avgLatencyMs, r.scores])).toEqual([
      ["baseline", 2, 200, [{ name: "correct", avg: 0.5, count: 2 }]],
      ["candidate", 1, 50, [{ name: "correct", avg: 1, count: 1 }]],
    ]);
    expect(view.runs[0]?.totalCost).toBeCloseTo(0.004);
    expect(view.scoreNames).toEqual(["correct"]);
    const q1 = view.items.find((i) => i.id === `${name}-q1`);
    expect(q1).toMatchObject({ inputPreview: "q1?", expectedOutputPreview: "q1!" });
    expect(q1?.results[baseline]).toMatchObject({
      traceId: a1,
      outputPreview: "q1! (a)",
      latencyMs: 100,
      scores: [{ name: "correct", value: 1 }],
    });
    expect(q1?.results[candidate]).toMatchObject({ traceId: b1, outputPreview: "q1! (b)" });
    const q2 = view.items.find((i) => i.id === `${name}-q2`);
    // Payloads are stored as sent (json), so the preview is the text as written.
    expect(q2?.results[baseline]?.outputPreview).toBe('{"answer":"q2 (a)"}');
    expect(q2?.results[candidate]).toBeNull();
    expect(q2?.unfinished).toEqual({ [candidate]: { status: "FAILED", error: "The item's input has no value for {{country}}" } });
    expect(q1?.unfinished).toEqual({});
    // An item only the failed experiment covered is compared too.
    const q3 = view.items.find((i) => i.id === `${name}-q3`);
    expect(q3?.results).toEqual({ [baseline]: null, [candidate]: null });
    expect(q3?.unfinished).toEqual({ [candidate]: { status: "CANCELLED", error: null } });

    // A run of another dataset, or another project's dataset, is refused.
    const other = (await createProjectWithKeys()).project.id;
    await expect(compareDatasetRuns(other, dataset.id, [baseline])).rejects.toMatchObject({ status: 404 });
    const error = await compareDatasetRuns(projectId, dataset.id, ["not-a-run"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toMatch(/not a run of this dataset/);
  });
});

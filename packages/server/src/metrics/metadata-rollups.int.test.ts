import { prisma } from "@loupe/db";
import { closeQueues, getQueue } from "@loupe/jobs";
import { afterAll, describe, expect, it } from "vitest";
import { createProjectWithKeys } from "../testing.ts";
import { buildMetadataRollup, metadataRollupJobId, requestMetadataRollup, sweepMetadataRollups } from "./metadata-rollups.ts";

// The web process asks for a metadata key's rollup (one job per project × key, however often widgets
// grouped by it are saved); the worker's job builds it, once.

afterAll(() => closeQueues());

const queue = () => getQueue("rollups.metadata-key");
const jobsOf = async (projectId: string) =>
  (await queue().getJobs(["waiting", "delayed", "active", "prioritized"])).filter((j) => j.data.projectId === projectId);

describe("metadata key rollups as a worker job", () => {
  it("enqueue one job per key however often it is asked for, and none once the key is built", async () => {
    const { project } = await createProjectWithKeys();
    expect(await requestMetadataRollup(project.id, "tier")).toBe(true);
    expect(await requestMetadataRollup(project.id, "tier")).toBe(false);
    expect(await requestMetadataRollup(project.id, "a:b c")).toBe(true);
    const jobs = await jobsOf(project.id);
    expect(jobs.map((j) => j.data.key).sort()).toEqual(["a:b c", "tier"]);
    expect(jobs.find((j) => j.data.key === "tier")?.id).toBe(metadataRollupJobId(project.id, "tier"));

    // The job's work: registers and builds; again, nothing to do.
    await prisma.observation.create({
      data: { projectId: project.id, id: "o1", traceId: "t1", type: "SPAN", startTime: new Date(), metadata: { tier: "gold" } },
    });
    expect(await buildMetadataRollup(project.id, "tier")).toEqual({ outcome: "built" });
    expect(await buildMetadataRollup(project.id, "tier")).toEqual({ outcome: "ready" });
    const [row] = await prisma.$queryRaw<{ n: number }[]>`
      SELECT sum("count")::int AS n FROM "ObservationMetadataRollup" WHERE "projectId" = ${project.id} AND "key" = 'tier' AND "grain" = 'hour'`;
    expect(row?.n).toBe(1);
    // Built: a later save of a widget grouped by it enqueues nothing, even once its job is gone.
    await queue().remove(metadataRollupJobId(project.id, "tier"));
    expect(await requestMetadataRollup(project.id, "tier")).toBe(false);
    expect((await jobsOf(project.id)).map((j) => j.data.key)).toEqual(["a:b c"]);
  });

  it("refuse a key over the project's limit as an outcome, not a failure to retry", async () => {
    const { project } = await createProjectWithKeys();
    for (let i = 0; i < 20; i++) expect(await buildMetadataRollup(project.id, `k${i}`)).toEqual({ outcome: "built" });
    expect(await buildMetadataRollup(project.id, "k20")).toEqual({ outcome: "refused" });
    expect(await buildMetadataRollup(project.id, "a\u0000b")).toEqual({ outcome: "refused" });
  });

  it("ask again, from the saved widgets, for a key whose job Redis lost (restarted empty)", async () => {
    const { project } = await createProjectWithKeys();
    await prisma.dashboardWidget.create({
      data: {
        projectId: project.id,
        name: "by region",
        view: "observations",
        dimensions: [{ field: "metadata.region" }, { field: "name" }],
        metrics: [{ measure: "count", aggregation: "count" }],
        chartType: "BAR_TIME_SERIES",
      },
    });
    expect(await requestMetadataRollup(project.id, "region")).toBe(true);
    // What an empty Redis leaves: no job, and the key not built.
    await queue().remove(metadataRollupJobId(project.id, "region"));
    expect(await jobsOf(project.id)).toEqual([]);

    expect(await sweepMetadataRollups()).toBeGreaterThanOrEqual(1);
    expect((await jobsOf(project.id)).map((j) => j.data.key)).toEqual(["region"]);
    // Queued already: a second sweep adds nothing; built: the key is no longer asked for.
    const before = (await jobsOf(project.id)).length;
    await sweepMetadataRollups();
    expect((await jobsOf(project.id)).length).toBe(before);
    expect(await buildMetadataRollup(project.id, "region")).toEqual({ outcome: "built" });
    await queue().remove(metadataRollupJobId(project.id, "region"));
    await sweepMetadataRollups();
    expect(await jobsOf(project.id)).toEqual([]);
  });
});

import { randomUUID } from "node:crypto";
import { ZTraceListQuery } from "@loupe/contracts";
import { listTraces, prisma, traceIdsMatching, upsertDataset } from "@loupe/db";
import { closeQueues, getQueue } from "@loupe/jobs";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createProjectWithKeys, TEST_AUDIT } from "../testing.ts";
import { addTracesToDataset, deleteTraces, tagTraces } from "./bulk-trace-actions.ts";
import { deleteMarkedTraces, sweepMarkedTraces } from "./delete-marked-traces.ts";

afterAll(async () => {
  await closeQueues();
});

const t0 = Date.now() - 60 * 60_000;

/** Traces with one observation and one score each (the rows a delete must take with it). */
async function seed(projectId: string, ids: string[], fields: { name?: string; input?: unknown; output?: unknown } = {}) {
  await prisma.trace.createMany({
    data: ids.map((id, i) => ({
      projectId,
      id,
      name: fields.name ?? "chat",
      timestamp: new Date(t0 + i * 1000),
      tags: ["sdk"],
      input: (fields.input ?? { question: `q-${id}` }) as object,
      output: (fields.output ?? { answer: `a-${id}` }) as object,
    })),
  });
  await prisma.observation.createMany({
    data: ids.map((id, i) => ({ projectId, id: `obs-${id}`, traceId: id, type: "SPAN", startTime: new Date(t0 + i * 1000) })),
  });
  await prisma.score.createMany({
    data: ids.map((id) => ({ projectId, id: `score-${id}`, name: "quality", value: 1, dataType: "NUMERIC" as const, traceId: id })),
  });
}

const filter = (q: Record<string, unknown>) => ZTraceListQuery.parse(q);
const listed = async (projectId: string) => (await listTraces({ projectId, limit: 100, offset: 0 })).rows.map((r) => r.id).sort();

let projectId: string;
let otherProjectId: string;
const actor = (role: "OWNER" | "ADMIN" | "MEMBER" | "VIEWER" | "ANNOTATOR", project = projectId) => ({
  userId: randomUUID(),
  projectId: project,
  role,
});

beforeEach(async () => {
  projectId = (await createProjectWithKeys()).project.id;
  otherProjectId = (await createProjectWithKeys()).project.id;
});

describe("bulk tags", () => {
  it("adds tags to the ticked traces of the project only, keeping their tags and adding none twice", async () => {
    await seed(projectId, ["a", "b", "c"]);
    await seed(otherProjectId, ["a"]);
    const result = await tagTraces(actor("MEMBER"), {
      selection: { kind: "ids", ids: ["a", "b", "b", "missing"] },
      tags: ["reviewed", "sdk"],
    });
    expect(result).toEqual({ updated: 2 });
    const tags = await prisma.trace.findMany({ where: { projectId }, orderBy: { id: "asc" }, select: { id: true, tags: true } });
    expect(tags).toEqual([
      { id: "a", tags: ["sdk", "reviewed"] },
      { id: "b", tags: ["sdk", "reviewed"] },
      { id: "c", tags: ["sdk"] },
    ]);
    // The same id in another project is another trace: untouched.
    expect((await prisma.trace.findUniqueOrThrow({ where: { projectId_id: { projectId: otherProjectId, id: "a" } } })).tags).toEqual([
      "sdk",
    ]);
    // Again: nothing left to change.
    expect(await tagTraces(actor("MEMBER"), { selection: { kind: "ids", ids: ["a"] }, tags: ["reviewed"] })).toEqual({ updated: 0 });
  });

  it("a filter selection reaches the traces the table's filter shows, and no others", async () => {
    await seed(projectId, ["x1", "x2"], { name: "checkout" });
    await seed(projectId, ["y1"], { name: "search" });
    await seed(otherProjectId, ["x3"], { name: "checkout" });
    const result = await tagTraces(actor("MEMBER"), {
      selection: { kind: "filter", filter: filter({ name: "checkout" }) },
      tags: ["flow"],
    });
    expect(result).toEqual({ updated: 2 });
    const tagged = await prisma.trace.findMany({ where: { tags: { has: "flow" } }, select: { projectId: true, id: true } });
    expect(tagged.map((t) => [t.projectId, t.id]).sort()).toEqual([
      [projectId, "x1"],
      [projectId, "x2"],
    ]);
  });

  it("refuses roles that may not write, before anything is written", async () => {
    await seed(projectId, ["a"]);
    for (const role of ["VIEWER", "ANNOTATOR"] as const) {
      await expect(tagTraces(actor(role), { selection: { kind: "ids", ids: ["a"] }, tags: ["x"] })).rejects.toMatchObject({ status: 403 });
    }
    expect((await prisma.trace.findUniqueOrThrow({ where: { projectId_id: { projectId, id: "a" } } })).tags).toEqual(["sdk"]);
  });

  it("a filter selection stops at its bound, newest first in the filter's order", async () => {
    await seed(projectId, ["n1", "n2", "n3"]);
    expect(await traceIdsMatching({ projectId }, 2)).toEqual(["n3", "n2"]);
    expect(await traceIdsMatching({ projectId, sort: "timestamp", order: "asc" }, 2)).toEqual(["n1", "n2"]);
  });
});

describe("bulk add to dataset", () => {
  it("each trace becomes an item (input, output as expected output, linked back); traces without input are counted", async () => {
    await seed(projectId, ["a", "b"]);
    await prisma.trace.create({ data: { projectId, id: "no-input", timestamp: new Date(t0) } });
    const dataset = await upsertDataset(projectId, { name: `bulk-${randomUUID()}` });
    const result = await addTracesToDataset(actor("MEMBER"), {
      selection: { kind: "ids", ids: ["a", "b", "no-input"] },
      datasetId: dataset.id,
    });
    expect(result).toEqual({ added: 2, withoutInput: 1, invalid: 0, firstError: null });
    const items = await prisma.datasetItem.findMany({ where: { projectId, datasetId: dataset.id }, orderBy: { sourceTraceId: "asc" } });
    expect(items.map((i) => [i.sourceTraceId, i.input, i.expectedOutput])).toEqual([
      ["a", { question: "q-a" }, { answer: "a-a" }],
      ["b", { question: "q-b" }, { answer: "a-b" }],
    ]);
  });

  it("traces failing the dataset's input schema are counted with the first reason, the rest added", async () => {
    await seed(projectId, ["ok"], { input: { question: "fine" } });
    await seed(projectId, ["bad"], { input: { prompt: 42 } });
    const dataset = await upsertDataset(projectId, {
      name: `schema-${randomUUID()}`,
      inputSchema: { type: "object", required: ["question"], properties: { question: { type: "string" } } },
    });
    const result = await addTracesToDataset(actor("MEMBER"), { selection: { kind: "ids", ids: ["ok", "bad"] }, datasetId: dataset.id });
    expect(result).toMatchObject({ added: 1, withoutInput: 0, invalid: 1 });
    expect(result.firstError).toMatch(/^trace bad: /);
  });

  it("another project's dataset is not found, and a viewer is refused", async () => {
    await seed(projectId, ["a"]);
    const foreign = await upsertDataset(otherProjectId, { name: "theirs" });
    await expect(
      addTracesToDataset(actor("MEMBER"), { selection: { kind: "ids", ids: ["a"] }, datasetId: foreign.id }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      addTracesToDataset(actor("VIEWER"), { selection: { kind: "ids", ids: ["a"] }, datasetId: foreign.id }),
    ).rejects.toMatchObject({ status: 403 });
    expect(await prisma.datasetItem.count({ where: { datasetId: foreign.id } })).toBe(0);
  });
});

describe("bulk delete", () => {
  it("is for ADMIN and up: a MEMBER is refused and nothing is hidden", async () => {
    await seed(projectId, ["a"]);
    await expect(deleteTraces(actor("MEMBER"), { kind: "ids", ids: ["a"] }, TEST_AUDIT)).rejects.toMatchObject({ status: 403 });
    expect(await listed(projectId)).toEqual(["a"]);
  });

  it("hides the traces at once; the job deletes them with their observations and scores in batches, nothing of another project", async () => {
    const ids = ["d1", "d2", "d3", "d4", "d5"];
    await seed(projectId, [...ids, "keep"]);
    // The other project has a trace with the same id, and traces of its own marked for deletion.
    await seed(otherProjectId, ["d1", "theirs"]);
    await prisma.trace.updateMany({ where: { projectId: otherProjectId, id: "theirs" }, data: { deletionRequestedAt: new Date() } });

    expect(await deleteTraces(actor("ADMIN"), { kind: "ids", ids }, TEST_AUDIT)).toEqual({ deleting: 5 });
    // Hidden from the list before the worker has run; a second request for them finds nothing to mark.
    expect(await listed(projectId)).toEqual(["keep"]);
    expect(await deleteTraces(actor("OWNER"), { kind: "ids", ids }, TEST_AUDIT)).toEqual({ deleting: 0 });
    // One audit row for the deletion that hid something (the empty second request records nothing).
    const audited = await prisma.auditLog.findMany({ where: { projectId, action: "traces.deleted" } });
    expect(audited).toHaveLength(1);
    expect(audited[0]?.before).toMatchObject({ count: 5, selection: { kind: "ids", ids } });

    expect(await deleteMarkedTraces(projectId, 2)).toEqual({ deleted: 5, batches: 3 });
    expect(await prisma.trace.findMany({ where: { projectId }, select: { id: true } })).toEqual([{ id: "keep" }]);
    expect(await prisma.observation.count({ where: { projectId } })).toBe(1);
    expect(await prisma.score.count({ where: { projectId } })).toBe(1);
    // The other project's rows, marked or not, are all still there.
    expect(await prisma.trace.count({ where: { projectId: otherProjectId } })).toBe(2);
    expect(await prisma.observation.count({ where: { projectId: otherProjectId } })).toBe(2);
    expect(await prisma.score.count({ where: { projectId: otherProjectId } })).toBe(2);
    // Running again (a retried job) has nothing left to do.
    expect(await deleteMarkedTraces(projectId, 2)).toEqual({ deleted: 0, batches: 0 });
  });

  it("a filter selection deletes what the filter shows", async () => {
    await seed(projectId, ["e1", "e2"], { name: "noise" });
    await seed(projectId, ["k1"], { name: "keep" });
    expect(await deleteTraces(actor("ADMIN"), { kind: "filter", filter: filter({ name: "noise" }) }, TEST_AUDIT)).toEqual({ deleting: 2 });
    expect(await listed(projectId)).toEqual(["k1"]);
    await deleteMarkedTraces(projectId);
    expect(await prisma.trace.count({ where: { projectId } })).toBe(1);
  });

  it("the sweep re-enqueues the job of traces marked long ago (a job Redis lost), once while it is live", async () => {
    await seed(projectId, ["lost"]);
    await prisma.trace.updateMany({ where: { projectId }, data: { deletionRequestedAt: new Date(Date.now() - 10 * 60_000) } });
    expect(await listed(projectId)).toEqual([]);
    await sweepMarkedTraces();
    const jobId = `traces-delete-${projectId}`;
    expect(await getQueue("traces.delete").getJobState(jobId)).toBe("waiting");
    const job = await getQueue("traces.delete").getJob(jobId);
    expect(job?.data).toEqual({ projectId });
    await getQueue("traces.delete").remove(jobId);
  });
});

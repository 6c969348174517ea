import { randomUUID } from "node:crypto";
import {
  ZCreateDatasetBody,
  ZCreateDatasetItemBody,
  ZCreateDatasetRunItemBody,
  ZDatasetItemsQuery,
  ZDatasetRunItemsQuery,
  ZPageQuery,
} from "@loupe/contracts";
import { prisma } from "@loupe/db";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { createProjectWithKeys, TEST_AUDIT } from "../testing.ts";
import {
  createLegacyDataset,
  createPublicDatasetRunItem,
  deletePublicDatasetItem,
  deletePublicDatasetRun,
  getPublicDataset,
  getPublicDatasetItem,
  getPublicDatasetRun,
  listPublicDatasetItems,
  listPublicDatasetRunItems,
  listPublicDatasetRuns,
  listPublicDatasets,
  upsertPublicDataset,
  upsertPublicDatasetItem,
} from "./datasets.ts";

const page = ZPageQuery.parse({});
const dataset = (projectId: string, body: Record<string, unknown>) => upsertPublicDataset(projectId, ZCreateDatasetBody.parse(body));
const item = (projectId: string, body: Record<string, unknown>) => upsertPublicDatasetItem(projectId, ZCreateDatasetItemBody.parse(body));
const link = (projectId: string, body: Record<string, unknown>) =>
  createPublicDatasetRunItem(projectId, ZCreateDatasetRunItemBody.parse(body));
const items = (projectId: string, query: Record<string, string>) => listPublicDatasetItems(projectId, ZDatasetItemsQuery.parse(query));

async function rejects(promise: Promise<unknown>, status: number, message: string | RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).status).toBe(status);
  expect((error as DomainError).message).toMatch(message);
}

const questionSchema = { type: "object", properties: { question: { type: "string" } }, required: ["question"] };

describe("datasets", () => {
  it("upserts by name, keeps folder names, lists newest first and stays inside the project", async () => {
    const { project } = await createProjectWithKeys();
    const other = await createProjectWithKeys();
    const first = await dataset(project.id, { name: "evals/qa", description: "questions", metadata: { owner: "me" } });
    expect(first).toMatchObject({ name: "evals/qa", description: "questions", metadata: { owner: "me" }, inputSchema: null });
    const again = await dataset(project.id, { name: "evals/qa", metadata: { owner: "you" } });
    expect(again).toMatchObject({ id: first.id, description: "questions", metadata: { owner: "you" } });
    await dataset(project.id, { name: "second" });

    const list = await listPublicDatasets(project.id, page);
    expect(list.data.map((d) => d.name)).toEqual(["second", "evals/qa"]);
    expect(list.meta).toEqual({ page: 1, limit: 50, totalItems: 2, totalPages: 1 });
    expect(await getPublicDataset(project.id, "evals/qa")).toMatchObject({ id: first.id });
    await rejects(getPublicDataset(other.project.id, "evals/qa"), 404, "Dataset evals/qa not found within authorized project");
    expect((await listPublicDatasets(other.project.id, page)).data).toEqual([]);
  });

  it("refuses unusable schemas and a schema that existing items break, changing nothing", async () => {
    const { project } = await createProjectWithKeys();
    await rejects(dataset(project.id, { name: "bad", inputSchema: { type: "nope" } }), 400, /inputSchema is not a valid JSON Schema/);
    await rejects(dataset(project.id, { name: "bad", inputSchema: { pattern: "(?=a)" } }), 400, /lookahead or lookbehind/);
    expect(await prisma.dataset.count({ where: { projectId: project.id } })).toBe(0);

    await dataset(project.id, { name: "qa" });
    await item(project.id, { datasetName: "qa", id: "loose", input: "just text" });
    await rejects(dataset(project.id, { name: "qa", inputSchema: questionSchema }), 400, /loose \(input does not match/);
    expect((await getPublicDataset(project.id, "qa")).inputSchema).toBeNull();
  });

  it("legacy create answers the dataset with empty item and run lists", async () => {
    const { project } = await createProjectWithKeys();
    const created = await createLegacyDataset(project.id, ZCreateDatasetBody.parse({ name: "legacy" }));
    expect(created).toMatchObject({ name: "legacy", items: [], runs: [] });
  });
});

describe("dataset items", () => {
  it("creates, upserts by id with merge, records every change as a version and reads point-in-time", async () => {
    const { project } = await createProjectWithKeys();
    const ds = await dataset(project.id, { name: "qa" });
    const created = await item(project.id, {
      datasetName: "qa",
      id: "item-1",
      input: { question: "2+2?" },
      expectedOutput: "4",
      metadata: { tag: "math" },
      sourceTraceId: "trace-1",
    });
    expect(created).toMatchObject({ id: "item-1", status: "ACTIVE", datasetId: ds.id, datasetName: "qa", mediaReferences: [] });
    const between = new Date();
    await new Promise((r) => setTimeout(r, 5));
    const updated = await item(project.id, { datasetName: "qa", id: "item-1", expectedOutput: "four", status: "ARCHIVED" });
    expect(updated).toMatchObject({ input: { question: "2+2?" }, expectedOutput: "four", metadata: { tag: "math" }, status: "ARCHIVED" });
    const generated = await item(project.id, { datasetName: "qa", input: "no id" });
    expect(generated.id).toMatch(/^[0-9a-f-]{36}$/);

    const versions = await prisma.datasetItemVersion.findMany({
      where: { projectId: project.id, itemId: "item-1" },
      orderBy: { version: "asc" },
    });
    expect(versions.map((v) => [v.version, v.expectedOutput, v.status])).toEqual([
      [1, "4", "ACTIVE"],
      [2, "four", "ARCHIVED"],
    ]);

    const current = await items(project.id, { datasetName: "qa" });
    expect(current.meta.totalItems).toBe(2);
    expect(current.data.map((i) => i.id)).toEqual([generated.id, "item-1"]);
    const past = await items(project.id, { datasetName: "qa", version: between.toISOString() });
    expect(past.data).toHaveLength(1);
    expect(past.data[0]).toMatchObject({ id: "item-1", expectedOutput: "4", status: "ACTIVE" });
    expect((await items(project.id, { sourceTraceId: "trace-1" })).data.map((i) => i.id)).toEqual(["item-1"]);
    expect((await items(project.id, { sourceTraceId: "trace-x" })).data).toEqual([]);
  });

  it("validates the merged item against the dataset's schemas and writes nothing on failure", async () => {
    const { project } = await createProjectWithKeys();
    await dataset(project.id, { name: "typed", inputSchema: questionSchema, expectedOutputSchema: { type: "string" } });
    await rejects(item(project.id, { datasetName: "typed", id: "x", input: { q: 1 } }), 400, /input does not match.*'question'/);
    await rejects(
      item(project.id, { datasetName: "typed", id: "x", input: { question: "ok" }, expectedOutput: 4 }),
      400,
      /expectedOutput .*must be string/,
    );
    expect(await prisma.datasetItem.count({ where: { projectId: project.id } })).toBe(0);
    await item(project.id, { datasetName: "typed", id: "x", input: { question: "ok" }, expectedOutput: "yes" });
    // A partial update is checked as the merged whole.
    await rejects(item(project.id, { datasetName: "typed", id: "x", input: { wrong: true } }), 400, /input does not match/);
    expect((await getPublicDatasetItem(project.id, "x")).input).toEqual({ question: "ok" });
    expect(await prisma.datasetItemVersion.count({ where: { projectId: project.id } })).toBe(1);
  });

  it("answers 404 for unknown datasets and items, 409 for an id of another dataset, and keeps ids per project", async () => {
    const { project } = await createProjectWithKeys();
    const other = await createProjectWithKeys();
    await dataset(project.id, { name: "a" });
    await dataset(project.id, { name: "b" });
    await rejects(item(project.id, { datasetName: "missing", input: 1 }), 404, "Dataset missing not found");
    await item(project.id, { datasetName: "a", id: "shared-id", input: 1 });
    await rejects(item(project.id, { datasetName: "b", id: "shared-id", input: 2 }), 409, /already exists in another dataset \(a\)/);
    // Another project may use the same id for its own item.
    await dataset(other.project.id, { name: "a" });
    await item(other.project.id, { datasetName: "a", id: "shared-id", input: "theirs" });
    expect((await getPublicDatasetItem(project.id, "shared-id")).input).toBe(1);
    await rejects(getPublicDatasetItem(project.id, "nope"), 404, "Dataset item nope not found within authorized project");
    await rejects(items(project.id, { datasetName: "missing" }), 404, /Dataset missing/);
    expect(() => ZDatasetItemsQuery.parse({ version: new Date().toISOString() })).toThrow(/version requires datasetName/);

    expect(await deletePublicDatasetItem(project.id, "shared-id", TEST_AUDIT)).toEqual({ message: "Dataset item successfully deleted" });
    await rejects(deletePublicDatasetItem(project.id, "shared-id", TEST_AUDIT), 404, /not found/);
    expect((await getPublicDatasetItem(other.project.id, "shared-id")).input).toBe("theirs");
  });

  it("stores NUL characters and lone surrogates as U+FFFD", async () => {
    const { project } = await createProjectWithKeys();
    await dataset(project.id, { name: "dirty" });
    const stored = await item(project.id, { datasetName: "dirty", input: { "k\u0000ey": "a\u0000b\ud800" }, metadata: { big: 1e308 } });
    expect(stored.input).toEqual({ "k\ufffdey": "a\ufffdb\ufffd" });
    expect(stored.metadata).toEqual({ big: 1e308 });
  });
});

describe("dataset runs and run items", () => {
  it("links items to traces, creating the run once even under concurrency, and reads runs back", async () => {
    const { project } = await createProjectWithKeys();
    const ds = await dataset(project.id, { name: "runs" });
    const ids = Array.from({ length: 12 }, (_, i) => `it-${i}`);
    for (const id of ids) await item(project.id, { datasetName: "runs", id, input: id });
    const linked = await Promise.all(
      ids.map((id) =>
        link(project.id, {
          runName: "exp-1",
          runDescription: "first",
          metadata: { model: "m" },
          datasetItemId: id,
          traceId: `t-${id}`,
          observationId: `o-${id}`,
        }),
      ),
    );
    expect(new Set(linked.map((l) => l.datasetRunId)).size).toBe(1);
    expect(linked[0]).toMatchObject({ datasetRunName: "exp-1", datasetItemVersion: 1, traceId: "t-it-0", observationId: "o-it-0" });

    // An existing run is returned as it is.
    await link(project.id, { runName: "exp-1", runDescription: "changed", datasetItemId: "it-0", traceId: "t-again" });
    const runs = await listPublicDatasetRuns(project.id, "runs", page);
    expect(runs.data).toHaveLength(1);
    expect(runs.data[0]).toMatchObject({
      name: "exp-1",
      description: "first",
      metadata: { model: "m" },
      datasetName: "runs",
      datasetId: ds.id,
    });

    const run = await getPublicDatasetRun(project.id, "runs", "exp-1");
    expect(run.datasetRunItems).toHaveLength(13);
    const listed = await listPublicDatasetRunItems(
      project.id,
      ZDatasetRunItemsQuery.parse({ datasetId: ds.id, runName: "exp-1", limit: "5" }),
    );
    expect(listed.meta).toEqual({ page: 1, limit: 5, totalItems: 13, totalPages: 3 });

    expect(await deletePublicDatasetRun(project.id, "runs", "exp-1", TEST_AUDIT)).toEqual({ message: "Dataset run successfully deleted" });
    await rejects(getPublicDatasetRun(project.id, "runs", "exp-1"), 404, "Dataset run exp-1 not found");
    expect(await prisma.datasetRunItem.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("records the item version the run used, refuses archived items, and infers the trace from an observation", async () => {
    const { project } = await createProjectWithKeys();
    await dataset(project.id, { name: "versions" });
    await item(project.id, { datasetName: "versions", id: "v", input: "one" });
    const afterV1 = new Date();
    await new Promise((r) => setTimeout(r, 5));
    await item(project.id, { datasetName: "versions", id: "v", input: "two" });
    expect((await link(project.id, { runName: "now", datasetItemId: "v", traceId: "t1" })).datasetItemVersion).toBe(2);
    expect(
      (await link(project.id, { runName: "then", datasetItemId: "v", traceId: "t2", datasetVersion: afterV1.toISOString() }))
        .datasetItemVersion,
    ).toBe(1);
    await rejects(
      link(project.id, { runName: "early", datasetItemId: "v", traceId: "t", datasetVersion: "2000-01-01T00:00:00Z" }),
      404,
      /at version/,
    );

    await item(project.id, { datasetName: "versions", id: "v", status: "ARCHIVED" });
    await rejects(link(project.id, { runName: "now", datasetItemId: "v", traceId: "t3" }), 404, /Active dataset item v not found/);
    await rejects(link(project.id, { runName: "now", datasetItemId: "nope", traceId: "t3" }), 404, /Dataset item nope/);

    await item(project.id, { datasetName: "versions", id: "w", input: 1 });
    const traceId = randomUUID();
    await prisma.trace.create({ data: { projectId: project.id, id: traceId, timestamp: new Date() } });
    await prisma.observation.create({ data: { projectId: project.id, id: "obs-1", traceId, type: "SPAN", startTime: new Date() } });
    expect((await link(project.id, { runName: "old-sdk", datasetItemId: "w", observationId: "obs-1" })).traceId).toBe(traceId);
    await rejects(link(project.id, { runName: "old-sdk", datasetItemId: "w", observationId: "obs-x" }), 404, /Observation obs-x/);
    expect(() => ZCreateDatasetRunItemBody.parse({ runName: "r", datasetItemId: "w" })).toThrow(/traceId is required/);
  });

  it("scopes runs and run items to the project", async () => {
    const { project } = await createProjectWithKeys();
    const other = await createProjectWithKeys();
    const ds = await dataset(project.id, { name: "mine" });
    await item(project.id, { datasetName: "mine", id: "m", input: 1 });
    await link(project.id, { runName: "r", datasetItemId: "m", traceId: "t" });
    await rejects(link(other.project.id, { runName: "r", datasetItemId: "m", traceId: "t" }), 404, /Dataset item m/);
    await rejects(listPublicDatasetRuns(other.project.id, "mine", page), 404, /Dataset mine/);
    await rejects(
      listPublicDatasetRunItems(other.project.id, ZDatasetRunItemsQuery.parse({ datasetId: ds.id, runName: "r" })),
      404,
      /Dataset/,
    );
    await rejects(deletePublicDatasetRun(other.project.id, "mine", "r", TEST_AUDIT), 404, /Dataset mine/);
  });
});

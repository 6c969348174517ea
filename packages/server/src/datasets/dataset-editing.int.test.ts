import { ZCreateDatasetBody, ZDatasetImportBody, ZEditDatasetItemBody, ZPageQuery } from "@loupe/contracts";
import { prisma } from "@loupe/db";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { upsertPublicDataset, upsertPublicDatasetItem } from "../public-api/datasets.ts";
import { listProjectDatasetItems } from "../queries/datasets.ts";
import { createProjectWithKeys } from "../testing.ts";
import { addDatasetItem, createProjectDataset, editDatasetItem, getDatasetItemDetail, importDatasetItems } from "./dataset-editing.ts";

const run = (projectId: string, datasetId: string, body: Record<string, unknown>) =>
  importDatasetItems(projectId, datasetId, ZDatasetImportBody.parse(body));
const mapping = (input: string[], expectedOutput: string[] = [], metadata: string[] = []) => ({ input, expectedOutput, metadata });

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function newDataset(name = `qa-${Math.random().toString(36).slice(2)}`, extra: Record<string, unknown> = {}) {
  const projectId = (await createProjectWithKeys()).project.id;
  const d = await upsertPublicDataset(projectId, ZCreateDatasetBody.parse({ name, ...extra }));
  return { projectId, datasetId: d.id };
}

const itemsOf = async (projectId: string, datasetId: string) =>
  prisma.datasetItem.findMany({ where: { projectId, datasetId }, orderBy: { createdAt: "desc" } });

describe("dataset import", () => {
  const csv = 'question,context,answer,source\n"2+2?",math,4,book\n"Capital of France?",geo,Paris,wiki\n';

  it("imports CSV rows as items in file order, several columns becoming an object, each with a first history version", async () => {
    const { projectId, datasetId } = await newDataset();
    const report = await run(projectId, datasetId, {
      format: "csv",
      content: csv,
      mapping: mapping(["question", "context"], ["answer"], ["source"]),
    });
    expect(report).toMatchObject({
      rowCount: 2,
      validCount: 2,
      imported: 2,
      errorCount: 0,
      columns: ["question", "context", "answer", "source"],
    });
    const items = await itemsOf(projectId, datasetId);
    expect(items.map((i) => [i.input, i.expectedOutput, i.metadata])).toEqual([
      [{ question: "2+2?", context: "math" }, "4", { source: "book" }],
      [{ question: "Capital of France?", context: "geo" }, "Paris", { source: "wiki" }],
    ]);
    expect(await prisma.datasetItemVersion.count({ where: { projectId, datasetId, version: 1 } })).toBe(2);
    // The page read model lists them first row first.
    const page = await listProjectDatasetItems(projectId, datasetId, ZPageQuery.parse({}));
    expect(page.data[0]?.inputPreview).toContain("2+2?");
  });

  it("a dry run reports and previews without writing", async () => {
    const { projectId, datasetId } = await newDataset();
    const report = await run(projectId, datasetId, {
      format: "csv",
      content: csv,
      mapping: mapping(["question"], ["answer"]),
      dryRun: true,
    });
    expect(report.imported).toBe(0);
    expect(report.preview[0]).toEqual({ row: 2, input: "2+2?", expectedOutput: "4", metadata: null });
    expect(await itemsOf(projectId, datasetId)).toHaveLength(0);
  });

  it("refuses the whole import when a row is broken, names the row, and imports the valid rows only when asked", async () => {
    const { projectId, datasetId } = await newDataset();
    const broken = "question,answer\nfine,1\nonly-one-value\n,empty input\nalso fine,2\n";
    const body = { format: "csv", content: broken, mapping: mapping(["question"], ["answer"]) };
    const error = await refusal(run(projectId, datasetId, body));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/2 of 4 rows cannot be imported \(row 3: .*one value per header column/);
    expect(await itemsOf(projectId, datasetId)).toHaveLength(0);

    const dry = await run(projectId, datasetId, { ...body, dryRun: true });
    expect(dry.errors).toEqual([
      { row: 3, message: expect.stringMatching(/one value per header column/) },
      { row: 4, message: "The input (question) is empty" },
    ]);
    const partial = await run(projectId, datasetId, { ...body, skipInvalidRows: true });
    expect(partial).toMatchObject({ imported: 2, errorCount: 2 });
    expect((await itemsOf(projectId, datasetId)).map((i) => i.input)).toEqual(["fine", "also fine"]);
  });

  it("checks rows against the dataset's input schema", async () => {
    const schema = { type: "object", properties: { question: { type: "string" } }, required: ["question"] };
    const { projectId, datasetId } = await newDataset(undefined, { inputSchema: schema });
    const content = '{"input":{"question":"ok"}}\n{"input":{"q":"wrong key"}}\n';
    const error = await refusal(run(projectId, datasetId, { format: "jsonl", content, mapping: mapping(["input"]) }));
    expect(error.message).toMatch(/row 2: input does not match the dataset's schema/);
    expect(await itemsOf(projectId, datasetId)).toHaveLength(0);
  });

  it("answers 400 for an unusable file or mapping and 404 for another project's dataset", async () => {
    const { projectId, datasetId } = await newDataset();
    expect((await refusal(run(projectId, datasetId, { format: "csv", content: "  \n", mapping: mapping(["a"]) }))).message).toMatch(
      /empty/,
    );
    expect((await refusal(run(projectId, datasetId, { format: "csv", content: csv, mapping: mapping([]) }))).message).toMatch(
      /at least one column/,
    );
    expect((await refusal(run(projectId, datasetId, { format: "csv", content: csv, mapping: mapping(["nope"]) }))).message).toMatch(
      /"nope".*not in the file/,
    );
    const other = (await createProjectWithKeys()).project.id;
    expect((await refusal(run(other, datasetId, { format: "csv", content: csv, mapping: mapping(["question"]) }))).status).toBe(404);
    expect(await itemsOf(projectId, datasetId)).toHaveLength(0);
  });

  it("creates a dataset by name once per project", async () => {
    const projectId = (await createProjectWithKeys()).project.id;
    const created = await createProjectDataset(projectId, { name: "support/golden", description: "  Hand-checked answers " });
    expect(await prisma.dataset.findUnique({ where: { id: created.id } })).toMatchObject({
      name: "support/golden",
      description: "Hand-checked answers",
    });
    expect((await refusal(createProjectDataset(projectId, { name: "support/golden" }))).status).toBe(409);
  });

  it("adds one item from a trace or observation with its source, checked against the schema", async () => {
    const schema = { type: "object", required: ["question"] };
    const { projectId, datasetId } = await newDataset(undefined, { inputSchema: schema });
    const added = await addDatasetItem(projectId, datasetId, {
      input: { question: "Why was I charged twice?" },
      expectedOutput: "One charge is a pending authorisation",
      sourceTraceId: "trace-1",
      sourceObservationId: "obs-1",
    });
    expect(await prisma.datasetItem.findUnique({ where: { projectId_id: { projectId, id: added.id } } })).toMatchObject({
      datasetId,
      sourceTraceId: "trace-1",
      sourceObservationId: "obs-1",
      expectedOutput: "One charge is a pending authorisation",
    });
    const error = await refusal(addDatasetItem(projectId, datasetId, { input: "just text", sourceTraceId: "trace-2" }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/input does not match the dataset's schema/);
    expect(await itemsOf(projectId, datasetId)).toHaveLength(1);
    const other = (await createProjectWithKeys()).project.id;
    expect((await refusal(addDatasetItem(other, datasetId, { input: { question: "x" } }))).status).toBe(404);
  });
});

describe("editing an item in the UI", () => {
  it("saves each edit as the next version with its history, archives and unarchives, and refuses stale or invalid edits", async () => {
    const schema = { type: "object", properties: { q: { type: "string" } }, required: ["q"] };
    const { projectId, datasetId } = await newDataset(undefined, { inputSchema: schema });
    const name = (await prisma.dataset.findUniqueOrThrow({ where: { id: datasetId } })).name;
    const item = await upsertPublicDatasetItem(projectId, { datasetName: name, input: { q: "2+2?" }, expectedOutput: "4" });
    const edit = (body: Record<string, unknown>) => editDatasetItem(projectId, datasetId, item.id, ZEditDatasetItemBody.parse(body));

    const v2 = await edit({ version: 1, input: { q: "3+3?" }, expectedOutput: "6", metadata: { by: "ui" } });
    expect(v2).toMatchObject({ version: 2, input: { q: "3+3?" }, expectedOutput: "6", metadata: { by: "ui" }, status: "ACTIVE" });
    const v3 = await edit({ version: 2, status: "ARCHIVED" });
    expect(v3).toMatchObject({ version: 3, status: "ARCHIVED", input: { q: "3+3?" } });
    expect((await edit({ version: 3, status: "ACTIVE" })).status).toBe("ACTIVE");
    const history = await prisma.datasetItemVersion.findMany({ where: { projectId, itemId: item.id }, orderBy: { version: "asc" } });
    expect(history.map((h) => [h.version, h.status, h.expectedOutput])).toEqual([
      [1, "ACTIVE", "4"],
      [2, "ACTIVE", "6"],
      [3, "ARCHIVED", "6"],
      [4, "ACTIVE", "6"],
    ]);

    // A save over a newer version, an input the schema refuses, another dataset's id: refused, nothing written.
    expect((await refusal(edit({ version: 2, expectedOutput: "x" }))).status).toBe(409);
    const invalid = await refusal(edit({ version: 4, input: { q: 5 } }));
    expect([invalid.status, invalid.message]).toEqual([400, expect.stringMatching(/input does not match the dataset's schema/)]);
    expect(ZEditDatasetItemBody.safeParse({ version: 4, input: null }).success).toBe(false);
    const other = await newDataset();
    expect((await refusal(editDatasetItem(projectId, other.datasetId, item.id, ZEditDatasetItemBody.parse({ version: 4 })))).status).toBe(
      404,
    );
    expect((await refusal(getDatasetItemDetail(projectId, datasetId, "nope"))).status).toBe(404);
    expect(await prisma.datasetItemVersion.count({ where: { projectId, itemId: item.id } })).toBe(4);
    expect((await getDatasetItemDetail(projectId, datasetId, item.id)).version).toBe(4);
  });
});

import { randomUUID } from "node:crypto";
import {
  offsetOf,
  pageMeta,
  type TCreateDatasetBody,
  type TCreateDatasetItemBody,
  type TCreateDatasetRunItemBody,
  type TDatasetItemsQuery,
  type TDatasetItemsResponse,
  type TDatasetRunItemsQuery,
  type TDatasetRunItemsResponse,
  type TDatasetRunsResponse,
  type TDatasetRunWithItems,
  type TDatasetsResponse,
  type TPageQuery,
  type TPublicDataset,
  type TPublicDatasetItem,
  type TPublicDatasetRunItem,
} from "@loupe/contracts";
import {
  createDatasetRunItem,
  type DatasetItemRow,
  datasetItemsAfter,
  datasetItemVersionAt,
  deleteDatasetItem,
  deleteDatasetRun,
  findDatasetById,
  findDatasetByName,
  findDatasetItem,
  findDatasetRun,
  listDatasetItemsAt,
  listDatasetItemsPage,
  listDatasetRunItems,
  listDatasetRunItemsPage,
  listDatasetRunsPage,
  listDatasetsPage,
  traceIdOfObservation,
  upsertDataset,
  writeDatasetItem,
} from "@loupe/db";
import { type DatasetSchemas, datasetSchemaProblem, itemSchemaIssues, sanitizeJson } from "@loupe/domain";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { badRequest, conflict, notFoundInProject } from "../errors.ts";
import { toPublicDataset, toPublicDatasetItem, toPublicDatasetRun, toPublicDatasetRunItem } from "./datasets-dto.ts";

// Datasets and experiments over the public API (langfuse-api.md §7). Routes stay thin; the rules live here.

async function datasetNamed(projectId: string, name: string) {
  const dataset = await findDatasetByName(projectId, name);
  if (!dataset) throw notFoundInProject("Dataset", name);
  return dataset;
}

// --- datasets -------------------------------------------------------------------------------------

/** GET /api/public/v2/datasets. */
export async function listPublicDatasets(projectId: string, query: TPageQuery): Promise<TDatasetsResponse> {
  const { rows, total } = await listDatasetsPage(projectId, { limit: query.limit, offset: offsetOf(query) });
  return { data: rows.map(toPublicDataset), meta: pageMeta(query, total) };
}

/** GET /api/public/v2/datasets/{datasetName}. */
export async function getPublicDataset(projectId: string, name: string): Promise<TPublicDataset> {
  return toPublicDataset(await datasetNamed(projectId, name));
}

const MAX_REPORTED_ITEMS = 5;
const SCHEMA_CHECK_BATCH = 500;

/**
 * POST /api/public/v2/datasets: creates the dataset or updates the fields given. A schema that is set
 * must be usable (bounded, compiles) and every existing item must satisfy it, else 400 and nothing changes.
 */
export async function upsertPublicDataset(projectId: string, body: TCreateDatasetBody): Promise<TPublicDataset> {
  for (const field of ["inputSchema", "expectedOutputSchema"] as const) {
    const problem = datasetSchemaProblem(body[field]);
    if (problem) throw badRequest(`${field} ${problem}`);
  }
  const existing = await findDatasetByName(projectId, body.name);
  if (existing && (body.inputSchema != null || body.expectedOutputSchema != null)) {
    const schemas: DatasetSchemas = {
      inputSchema: body.inputSchema !== undefined ? body.inputSchema : existing.inputSchema,
      expectedOutputSchema: body.expectedOutputSchema !== undefined ? body.expectedOutputSchema : existing.expectedOutputSchema,
    };
    await assertItemsMatch(projectId, existing.id, schemas);
  }
  const row = await upsertDataset(projectId, {
    name: body.name,
    description: body.description,
    metadata: body.metadata === undefined ? undefined : sanitizeJson(body.metadata),
    inputSchema: body.inputSchema,
    expectedOutputSchema: body.expectedOutputSchema,
  });
  return toPublicDataset(row);
}

async function assertItemsMatch(projectId: string, datasetId: string, schemas: DatasetSchemas) {
  const failing: string[] = [];
  let after: string | null = null;
  for (;;) {
    const batch = await datasetItemsAfter(projectId, datasetId, after, SCHEMA_CHECK_BATCH);
    for (const item of batch) {
      const issues = itemSchemaIssues(schemas, item);
      if (issues.length > 0) failing.push(`${item.id} (${issues.map((i) => i.message).join("; ")})`);
      if (failing.length >= MAX_REPORTED_ITEMS) break;
    }
    if (failing.length >= MAX_REPORTED_ITEMS || batch.length < SCHEMA_CHECK_BATCH) break;
    after = batch[batch.length - 1]?.id ?? null;
  }
  if (failing.length > 0)
    throw badRequest(`Existing dataset items do not match the new schema; fix or archive them first: ${failing.join(", ")}`);
}

/** Legacy POST /api/public/datasets (langfuse v3 `createDataset`): the dataset with empty item/run lists, as Langfuse answers. */
export async function createLegacyDataset(projectId: string, body: TCreateDatasetBody) {
  return { ...(await upsertPublicDataset(projectId, body)), items: [], runs: [] };
}

// --- items ----------------------------------------------------------------------------------------

const WRITE_ATTEMPTS = 3;

/**
 * POST /api/public/dataset-items: upsert by id. Fields left out keep their stored value; the merged item
 * is checked against the dataset's schemas before anything is written, and every write is a new version.
 */
export async function upsertPublicDatasetItem(projectId: string, body: TCreateDatasetItemBody): Promise<TPublicDatasetItem> {
  const dataset = await datasetNamed(projectId, body.datasetName);
  const id = body.id ?? randomUUID();
  for (let attempt = 1; ; attempt++) {
    const existing = body.id ? await findDatasetItem(projectId, id) : null;
    if (existing && existing.datasetId !== dataset.id)
      throw conflict(
        `Dataset item id ${id} already exists in another dataset (${existing.datasetName}) in this project; item ids are unique per project across datasets`,
      );
    const pick = <K extends "input" | "expectedOutput" | "metadata">(k: K) =>
      body[k] !== undefined ? sanitizeJson(body[k]) : (existing?.[k] ?? null);
    const state = {
      datasetId: dataset.id,
      status: body.status ?? existing?.status ?? ("ACTIVE" as const),
      input: pick("input"),
      expectedOutput: pick("expectedOutput"),
      metadata: pick("metadata"),
      sourceTraceId: body.sourceTraceId !== undefined ? body.sourceTraceId : (existing?.sourceTraceId ?? null),
      sourceObservationId: body.sourceObservationId !== undefined ? body.sourceObservationId : (existing?.sourceObservationId ?? null),
    };
    const issues = itemSchemaIssues(dataset, state);
    if (issues.length > 0) throw badRequest(issues.map((i) => i.message).join("; "));
    const row = await writeDatasetItem(projectId, id, state, existing?.version ?? null);
    if (row !== "conflict") return toPublicDatasetItem(row);
    if (attempt >= WRITE_ATTEMPTS) throw conflict(`Dataset item ${id} is being changed concurrently; retry`);
  }
}

/** GET /api/public/dataset-items: filters, and with `version` the items as they were at that instant. */
export async function listPublicDatasetItems(projectId: string, query: TDatasetItemsQuery): Promise<TDatasetItemsResponse> {
  const page = { limit: query.limit, offset: offsetOf(query) };
  const filter = { sourceTraceId: query.sourceTraceId, sourceObservationId: query.sourceObservationId };
  const dataset = query.datasetName ? await datasetNamed(projectId, query.datasetName) : null;
  const { rows, total } = query.version
    ? await listDatasetItemsAt(projectId, (dataset as { id: string }).id, new Date(query.version), filter, page)
    : await listDatasetItemsPage(projectId, { ...filter, datasetId: dataset?.id }, page);
  return { data: rows.map(toPublicDatasetItem), meta: pageMeta(query, total) };
}

async function itemWithId(projectId: string, id: string): Promise<DatasetItemRow> {
  const item = await findDatasetItem(projectId, id);
  if (!item) throw notFoundInProject("Dataset item", id);
  return item;
}

/** GET /api/public/dataset-items/{id}. */
export async function getPublicDatasetItem(projectId: string, id: string): Promise<TPublicDatasetItem> {
  return toPublicDatasetItem(await itemWithId(projectId, id));
}

/** DELETE /api/public/dataset-items/{id}: the item, its history and its run items. */
export async function deletePublicDatasetItem(projectId: string, id: string, audit: AuditContext) {
  if (!(await deleteDatasetItem(projectId, id))) throw notFoundInProject("Dataset item", id);
  await recordAudit(undefined, audit, { action: "datasetItem.deleted", projectId, resource: { type: "datasetItem", id } });
  return { message: "Dataset item successfully deleted" };
}

// --- runs -----------------------------------------------------------------------------------------

async function runNamed(projectId: string, datasetId: string, runName: string) {
  const run = await findDatasetRun(projectId, datasetId, runName);
  if (!run) throw notFoundInProject("Dataset run", runName);
  return run;
}

/** GET /api/public/datasets/{datasetName}/runs. */
export async function listPublicDatasetRuns(projectId: string, datasetName: string, query: TPageQuery): Promise<TDatasetRunsResponse> {
  const dataset = await datasetNamed(projectId, datasetName);
  const { rows, total } = await listDatasetRunsPage(projectId, dataset.id, { limit: query.limit, offset: offsetOf(query) });
  return { data: rows.map((r) => toPublicDatasetRun(r, dataset.name)), meta: pageMeta(query, total) };
}

/** GET /api/public/datasets/{datasetName}/runs/{runName}: the run with all its items. */
export async function getPublicDatasetRun(projectId: string, datasetName: string, runName: string): Promise<TDatasetRunWithItems> {
  const dataset = await datasetNamed(projectId, datasetName);
  const run = await runNamed(projectId, dataset.id, runName);
  const items = await listDatasetRunItems(projectId, run);
  return { ...toPublicDatasetRun(run, dataset.name), datasetRunItems: items.map(toPublicDatasetRunItem) };
}

/** DELETE /api/public/datasets/{datasetName}/runs/{runName}: the run and its run items. */
export async function deletePublicDatasetRun(projectId: string, datasetName: string, runName: string, audit: AuditContext) {
  const dataset = await datasetNamed(projectId, datasetName);
  const run = await runNamed(projectId, dataset.id, runName);
  if (!(await deleteDatasetRun(projectId, run.id))) throw notFoundInProject("Dataset run", runName);
  await recordAudit(undefined, audit, {
    action: "datasetRun.deleted",
    projectId,
    resource: { type: "datasetRun", id: run.id },
    before: { dataset: dataset.name, run: runName },
  });
  return { message: "Dataset run successfully deleted" };
}

// --- run items ------------------------------------------------------------------------------------

/**
 * POST /api/public/dataset-run-items (legacy `item.link`, the experiment runner). Only an item that is
 * ACTIVE (at `datasetVersion`, when given) can join a run; the run item records that item version.
 */
export async function createPublicDatasetRunItem(projectId: string, body: TCreateDatasetRunItemBody): Promise<TPublicDatasetRunItem> {
  const item = await itemWithId(projectId, body.datasetItemId);
  const at = body.datasetVersion ? await datasetItemVersionAt(projectId, item.id, new Date(body.datasetVersion)) : item;
  if (at?.status !== "ACTIVE")
    throw notFoundInProject(`Active dataset item${body.datasetVersion ? ` at version ${body.datasetVersion}` : ""}`, item.id);
  let traceId = body.traceId ?? null;
  if (!traceId && body.observationId) {
    traceId = await traceIdOfObservation(projectId, body.observationId);
    if (!traceId) throw notFoundInProject("Observation", body.observationId);
  }
  const row = await createDatasetRunItem(projectId, {
    datasetId: item.datasetId,
    runName: body.runName,
    runDescription: body.runDescription ?? null,
    runMetadata: body.metadata === undefined ? null : sanitizeJson(body.metadata),
    datasetItemId: item.id,
    datasetItemVersion: at.version,
    traceId: traceId as string,
    observationId: body.observationId ?? null,
    createdAt: body.createdAt ? new Date(body.createdAt) : null,
  });
  return toPublicDatasetRunItem(row);
}

/** GET /api/public/dataset-run-items?datasetId&runName. */
export async function listPublicDatasetRunItems(projectId: string, query: TDatasetRunItemsQuery): Promise<TDatasetRunItemsResponse> {
  const dataset = await findDatasetById(projectId, query.datasetId);
  if (!dataset) throw notFoundInProject("Dataset", query.datasetId);
  const run = await runNamed(projectId, dataset.id, query.runName);
  const { rows, total } = await listDatasetRunItemsPage(projectId, run, { limit: query.limit, offset: offsetOf(query) });
  return { data: rows.map(toPublicDatasetRunItem), meta: pageMeta(query, total) };
}

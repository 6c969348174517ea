import type {
  TAddDatasetItemBody,
  TCreateProjectDatasetBody,
  TDatasetImportBody,
  TDatasetImportReport,
  TDatasetItemDetail,
  TEditDatasetItemBody,
} from "@loupe/contracts";
import {
  type DatasetItemRow,
  findDatasetById,
  findDatasetByName,
  findDatasetItem,
  insertDatasetItems,
  type NewDatasetItem,
  upsertDataset,
  writeDatasetItem,
} from "@loupe/db";
import { importMappingProblem, importRowItem, itemSchemaIssues, parseImportFile, sanitizeJson } from "@loupe/domain";
import { badRequest, conflict, notFound, notFoundInProject } from "../errors.ts";
import { upsertPublicDatasetItem } from "../public-api/datasets.ts";

// Datasets made in the UI: create one by name, fill it from a CSV or JSON Lines file, or add one item
// from a trace or an observation.

const REPORTED_ERRORS = 100;
const PREVIEW_ROWS = 5;

export async function createProjectDataset(projectId: string, body: TCreateProjectDatasetBody) {
  if (await findDatasetByName(projectId, body.name)) throw conflict(`A dataset named "${body.name}" already exists in this project`);
  const row = await upsertDataset(projectId, { name: body.name, description: body.description?.trim() || null });
  return { id: row.id, name: row.name };
}

/**
 * Parses the file, maps each row onto an item and checks it against the dataset's schemas. A dry run
 * answers the report only. Otherwise every valid row is inserted in one transaction — and only when no
 * row failed, unless the caller chose to skip the failing ones — so an import is never half-written.
 */
export async function importDatasetItems(projectId: string, datasetId: string, body: TDatasetImportBody): Promise<TDatasetImportReport> {
  const dataset = await findDatasetById(projectId, datasetId);
  if (!dataset) throw notFound("Dataset");
  const parsed = parseImportFile(body.format, body.content);
  if (parsed.fileError) throw badRequest(parsed.fileError);
  const mappingProblem = importMappingProblem(body.mapping, parsed.columns);
  if (mappingProblem) throw badRequest(mappingProblem);

  const errors = [...parsed.errors];
  const valid: (NewDatasetItem & { row: number })[] = [];
  for (const { row, values } of parsed.rows) {
    const item = importRowItem(values, body.mapping);
    if ("error" in item) {
      errors.push({ row, message: item.error });
      continue;
    }
    const issues = itemSchemaIssues(dataset, item);
    if (issues.length > 0) errors.push({ row, message: issues.map((i) => i.message).join("; ") });
    else valid.push({ row, ...item });
  }
  errors.sort((a, b) => a.row - b.row);
  const report = (imported: number): TDatasetImportReport => ({
    columns: parsed.columns,
    rowCount: valid.length + errors.length,
    validCount: valid.length,
    imported,
    errors: errors.slice(0, REPORTED_ERRORS),
    errorCount: errors.length,
    preview: valid.slice(0, PREVIEW_ROWS),
  });
  if (body.dryRun) return report(0);
  if (valid.length === 0) throw badRequest(`No row can be imported${errors[0] ? ` (row ${errors[0].row}: ${errors[0].message})` : ""}`);
  if (errors.length > 0 && !body.skipInvalidRows) {
    const first = errors[0] as { row: number; message: string };
    throw badRequest(
      `${errors.length} of ${valid.length + errors.length} rows cannot be imported (row ${first.row}: ${first.message}); fix them, or import only the valid rows`,
    );
  }
  return report(
    await insertDatasetItems(
      projectId,
      datasetId,
      valid.map(({ row: _r, ...item }) => item),
    ),
  );
}

/** One item from a trace or observation; the same checks (schemas, limits) as the public API's create. */
export async function addDatasetItem(projectId: string, datasetId: string, body: TAddDatasetItemBody) {
  const dataset = await findDatasetById(projectId, datasetId);
  if (!dataset) throw notFound("Dataset");
  const item = await upsertPublicDatasetItem(projectId, { datasetName: dataset.name, ...body });
  return { id: item.id, datasetId: dataset.id };
}

const toItemDetail = (row: DatasetItemRow): TDatasetItemDetail => ({
  id: row.id,
  datasetId: row.datasetId,
  status: row.status,
  input: row.input,
  expectedOutput: row.expectedOutput,
  metadata: row.metadata,
  sourceTraceId: row.sourceTraceId,
  sourceObservationId: row.sourceObservationId,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

async function itemOfDataset(projectId: string, datasetId: string, itemId: string) {
  const item = await findDatasetItem(projectId, itemId);
  if (!item || item.datasetId !== datasetId) throw notFoundInProject("Dataset item", itemId);
  return item;
}

/** One item with its payloads, for the editor. */
export async function getDatasetItemDetail(projectId: string, datasetId: string, itemId: string): Promise<TDatasetItemDetail> {
  return toItemDetail(await itemOfDataset(projectId, datasetId, itemId));
}

/**
 * Saves an edit from the UI as the item's next version (writeDatasetItem keeps the history). The edit
 * names the version it started from; a save in between answers 409 instead of being overwritten. The
 * merged item must satisfy the dataset's schemas, else 400 and nothing is written.
 */
export async function editDatasetItem(
  projectId: string,
  datasetId: string,
  itemId: string,
  body: TEditDatasetItemBody,
): Promise<TDatasetItemDetail> {
  const dataset = await findDatasetById(projectId, datasetId);
  if (!dataset) throw notFound("Dataset");
  const existing = await itemOfDataset(projectId, datasetId, itemId);
  const stale = () =>
    conflict(`This item was saved by someone else since you opened it (now version ${existing.version}); reload it and edit again`);
  if (existing.version !== body.version) throw stale();
  const pick = <K extends "input" | "expectedOutput" | "metadata">(k: K) => (body[k] !== undefined ? sanitizeJson(body[k]) : existing[k]);
  const state = {
    datasetId,
    status: body.status ?? existing.status,
    input: pick("input"),
    expectedOutput: pick("expectedOutput"),
    metadata: pick("metadata"),
    sourceTraceId: existing.sourceTraceId,
    sourceObservationId: existing.sourceObservationId,
  };
  const issues = itemSchemaIssues(dataset, state);
  if (issues.length > 0) throw badRequest(issues.map((i) => i.message).join("; "));
  const row = await writeDatasetItem(projectId, itemId, state, existing.version);
  if (row === "conflict") throw stale();
  return toItemDetail(row);
}

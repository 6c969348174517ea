import {
  offsetOf,
  pageMeta,
  type TDatasetDetailResponse,
  type TDatasetItemPageResponse,
  type TDatasetListResponse,
  type TDatasetSummary,
  type TPageQuery,
} from "@loupe/contracts";
import { type DatasetSummaryRow, findDatasetById, listDatasetItemsPage, listDatasetRunSummaries, listDatasetSummaries } from "@loupe/db";
import { notFound } from "../errors.ts";

// Read models of the datasets pages.

const MAX_LISTED_DATASETS = 1000;
const PREVIEW_CHARS = 300;

const preview = (value: unknown) =>
  value === null || value === undefined ? null : (typeof value === "string" ? value : JSON.stringify(value)).slice(0, PREVIEW_CHARS);

const toSummary = (d: DatasetSummaryRow): TDatasetSummary => ({
  id: d.id,
  name: d.name,
  description: d.description,
  itemCount: d.itemCount,
  runCount: d.runCount,
  lastRunAt: d.lastRunAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

/** Every dataset of the project (up to 1000, by name), so the browser can group them into folders. */
export async function listProjectDatasets(projectId: string): Promise<TDatasetListResponse> {
  const rows = await listDatasetSummaries(projectId, MAX_LISTED_DATASETS + 1);
  return { data: rows.slice(0, MAX_LISTED_DATASETS).map(toSummary), truncated: rows.length > MAX_LISTED_DATASETS };
}

export async function getProjectDataset(projectId: string, datasetId: string): Promise<TDatasetDetailResponse> {
  const [summary] = await listDatasetSummaries(projectId, 1, datasetId);
  const dataset = summary ? await findDatasetById(projectId, datasetId) : null;
  if (!summary || !dataset) throw notFound("Dataset");
  const runs = await listDatasetRunSummaries(projectId, datasetId);
  return {
    dataset: {
      ...toSummary(summary),
      inputSchema: dataset.inputSchema ?? null,
      expectedOutputSchema: dataset.expectedOutputSchema ?? null,
    },
    runs: runs.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
  };
}

export async function listProjectDatasetItems(projectId: string, datasetId: string, query: TPageQuery): Promise<TDatasetItemPageResponse> {
  if (!(await findDatasetById(projectId, datasetId))) throw notFound("Dataset");
  const { rows, total } = await listDatasetItemsPage(projectId, { datasetId }, { limit: query.limit, offset: offsetOf(query) });
  return {
    data: rows.map((i) => ({
      id: i.id,
      status: i.status,
      inputPreview: preview(i.input),
      expectedOutputPreview: preview(i.expectedOutput),
      sourceTraceId: i.sourceTraceId,
      version: i.version,
      updatedAt: i.updatedAt.toISOString(),
    })),
    meta: pageMeta(query, total),
  };
}

import { z } from "zod";
import { ZPageMeta, ZPageQuery } from "../common/pagination.ts";
import { ZQueryString, ZQueryTimestamp } from "../common/query.ts";

// Datasets, items, runs and run items — langfuse-api.md §7 and Langfuse's openapi.yml.

export const DATASET_ITEM_STATUSES = ["ACTIVE", "ARCHIVED"] as const;
export type DatasetItemStatus = (typeof DATASET_ITEM_STATUSES)[number];

// Postgres text cannot hold NUL and names are shown and put in URLs: no control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;
const zName = (what: string) =>
  z
    .string()
    .regex(/\S/, `${what} must not be blank`)
    .max(255, `${what} must be at most 255 characters`)
    .regex(NO_CONTROL_CHARS, `${what} must not contain control characters`);
/** Any JSON value the client sends (objects, arrays, strings, numbers, booleans, null). */
const zJson = z.unknown();
const zTimestamp = z.iso.datetime({ offset: true });

export const ZDatasetName = zName("dataset name");
export const ZDatasetRunName = zName("run name");
/** Item ids are client-settable (Langfuse: unique per project, at most 255 characters). */
export const ZDatasetItemId = zName("item id");

// --- datasets -------------------------------------------------------------------------------------

/** POST /api/public/v2/datasets and the legacy POST /api/public/datasets: upsert by name. */
export const ZCreateDatasetBody = z.object({
  name: ZDatasetName,
  description: z.string().max(10_000).nullish(),
  metadata: zJson.optional(),
  inputSchema: zJson.optional(),
  expectedOutputSchema: zJson.optional(),
});
export type TCreateDatasetBody = z.infer<typeof ZCreateDatasetBody>;

export const ZDatasetParams = z.object({ datasetName: ZDatasetName });
export const ZDatasetsQuery = ZPageQuery;

export const ZPublicDataset = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  metadata: zJson,
  inputSchema: zJson,
  expectedOutputSchema: zJson,
  projectId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TPublicDataset = z.infer<typeof ZPublicDataset>;
export const ZDatasetsResponse = z.object({ data: z.array(ZPublicDataset), meta: ZPageMeta });
export type TDatasetsResponse = z.infer<typeof ZDatasetsResponse>;

// --- items ----------------------------------------------------------------------------------------

/** POST /api/public/dataset-items: upsert by `id`; fields left out keep their stored value. */
export const ZCreateDatasetItemBody = z.object({
  datasetName: ZDatasetName,
  id: ZDatasetItemId.nullish(),
  input: zJson.optional(),
  expectedOutput: zJson.optional(),
  metadata: zJson.optional(),
  sourceTraceId: z.string().max(255).nullish(),
  sourceObservationId: z.string().max(255).nullish(),
  status: z.enum(DATASET_ITEM_STATUSES).nullish(),
});
export type TCreateDatasetItemBody = z.infer<typeof ZCreateDatasetItemBody>;

export const ZDatasetItemsQuery = ZPageQuery.extend({
  datasetName: ZQueryString,
  sourceTraceId: ZQueryString,
  sourceObservationId: ZQueryString,
  /** Point-in-time read: the items as they were at this instant (needs datasetName). */
  version: ZQueryTimestamp,
}).refine((q) => !q.version || q.datasetName, { message: "version requires datasetName", path: ["version"] });
export type TDatasetItemsQuery = z.infer<typeof ZDatasetItemsQuery>;

export const ZDatasetItemParams = z.object({ id: ZDatasetItemId });

export const ZPublicDatasetItem = z.object({
  id: z.string(),
  status: z.enum(DATASET_ITEM_STATUSES),
  input: zJson,
  expectedOutput: zJson,
  metadata: zJson,
  sourceTraceId: z.string().nullable(),
  sourceObservationId: z.string().nullable(),
  datasetId: z.string(),
  datasetName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Langfuse resolves media references in item payloads; Loupe stores none yet, so always []. */
  mediaReferences: z.array(z.unknown()),
});
export type TPublicDatasetItem = z.infer<typeof ZPublicDatasetItem>;
export const ZDatasetItemsResponse = z.object({ data: z.array(ZPublicDatasetItem), meta: ZPageMeta });
export type TDatasetItemsResponse = z.infer<typeof ZDatasetItemsResponse>;

// --- runs -----------------------------------------------------------------------------------------

export const ZDatasetRunParams = z.object({ datasetName: ZDatasetName, runName: ZDatasetRunName });
export const ZDatasetRunsQuery = ZPageQuery;

export const ZPublicDatasetRun = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  metadata: zJson,
  datasetId: z.string(),
  datasetName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TPublicDatasetRun = z.infer<typeof ZPublicDatasetRun>;
export const ZDatasetRunsResponse = z.object({ data: z.array(ZPublicDatasetRun), meta: ZPageMeta });
export type TDatasetRunsResponse = z.infer<typeof ZDatasetRunsResponse>;

// --- run items ------------------------------------------------------------------------------------

/** POST /api/public/dataset-run-items: creates the run (by name, in the item's dataset) when missing. */
export const ZCreateDatasetRunItemBody = z
  .object({
    runName: ZDatasetRunName,
    runDescription: z.string().max(10_000).nullish(),
    metadata: zJson.optional(),
    datasetItemId: ZDatasetItemId,
    traceId: z.string().min(1).max(255).nullish(),
    observationId: z.string().min(1).max(255).nullish(),
    /** Use the items as they were at this instant (the run item records that item version). */
    datasetVersion: zTimestamp.nullish(),
    createdAt: zTimestamp.nullish(),
  })
  .refine((b) => b.traceId || b.observationId, { message: "traceId is required", path: ["traceId"] });
export type TCreateDatasetRunItemBody = z.infer<typeof ZCreateDatasetRunItemBody>;

export const ZDatasetRunItemsQuery = ZPageQuery.extend({
  datasetId: z.string().min(1).max(255),
  runName: ZDatasetRunName,
});
export type TDatasetRunItemsQuery = z.infer<typeof ZDatasetRunItemsQuery>;

export const ZPublicDatasetRunItem = z.object({
  id: z.string(),
  datasetRunId: z.string(),
  datasetRunName: z.string(),
  datasetItemId: z.string(),
  /** Loupe extension: the item version the run used (each item change is a new version). */
  datasetItemVersion: z.number().int(),
  traceId: z.string(),
  observationId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TPublicDatasetRunItem = z.infer<typeof ZPublicDatasetRunItem>;
export const ZDatasetRunItemsResponse = z.object({ data: z.array(ZPublicDatasetRunItem), meta: ZPageMeta });
export type TDatasetRunItemsResponse = z.infer<typeof ZDatasetRunItemsResponse>;

export const ZDatasetRunWithItems = ZPublicDatasetRun.extend({ datasetRunItems: z.array(ZPublicDatasetRunItem) });
export type TDatasetRunWithItems = z.infer<typeof ZDatasetRunWithItems>;

/** Legacy GET /api/public/datasets/{name}: the dataset with its items and the names of its runs. */
export const ZLegacyDataset = ZPublicDataset.extend({ items: z.array(ZPublicDatasetItem), runs: z.array(z.string()) });
export type TLegacyDataset = z.infer<typeof ZLegacyDataset>;

import { z } from "zod";
import { ZPageMeta } from "../common/pagination.ts";
import { DATASET_ITEM_STATUSES, ZDatasetName } from "../public-api/datasets.ts";

// The datasets pages: every dataset with its counts (folders are built in the browser, as for prompts),
// one dataset with its runs, and a page of its items.

export const ZDatasetSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  itemCount: z.number().int(),
  runCount: z.number().int(),
  lastRunAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TDatasetSummary = z.infer<typeof ZDatasetSummary>;
export const ZDatasetListResponse = z.object({ data: z.array(ZDatasetSummary), truncated: z.boolean() });
export type TDatasetListResponse = z.infer<typeof ZDatasetListResponse>;

export const ZDatasetRunSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  itemCount: z.number().int(),
  createdAt: z.string(),
});
export type TDatasetRunSummary = z.infer<typeof ZDatasetRunSummary>;

export const ZDatasetDetailResponse = z.object({
  dataset: ZDatasetSummary.extend({ inputSchema: z.unknown(), expectedOutputSchema: z.unknown() }),
  runs: z.array(ZDatasetRunSummary),
});
export type TDatasetDetailResponse = z.infer<typeof ZDatasetDetailResponse>;

export const ZDatasetItemRow = z.object({
  id: z.string(),
  status: z.enum(DATASET_ITEM_STATUSES),
  /** The first characters of the JSON text (the table shows one line; the full item is a later page). */
  inputPreview: z.string().nullable(),
  expectedOutputPreview: z.string().nullable(),
  sourceTraceId: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TDatasetItemRow = z.infer<typeof ZDatasetItemRow>;
export const ZDatasetItemPageResponse = z.object({ data: z.array(ZDatasetItemRow), meta: ZPageMeta });
export type TDatasetItemPageResponse = z.infer<typeof ZDatasetItemPageResponse>;

// Creating a dataset from the UI (the public API's upsert-by-name stays as Langfuse has it).
export const ZCreateProjectDatasetBody = z.object({
  name: ZDatasetName,
  description: z.string().max(2000).optional(),
});
export type TCreateProjectDatasetBody = z.infer<typeof ZCreateProjectDatasetBody>;
export const ZCreatedDataset = z.object({ id: z.string(), name: z.string() });

// Item import from a CSV or JSON Lines file: the browser sends the file's text and the column mapping;
// `dryRun` answers the report without writing, so the mapping step shows what an import would do.
export const DATASET_IMPORT_FORMATS = ["csv", "jsonl"] as const;
export const DATASET_IMPORT_FIELDS = ["input", "expectedOutput", "metadata"] as const;
export const MAX_DATASET_IMPORT_BYTES = 10 * 1024 * 1024;
const ZImportColumns = z.array(z.string().max(500)).max(200);
export const ZDatasetImportBody = z.object({
  format: z.enum(DATASET_IMPORT_FORMATS),
  content: z.string().max(MAX_DATASET_IMPORT_BYTES, "The file is larger than 10 MB; split it"),
  mapping: z.object({ input: ZImportColumns, expectedOutput: ZImportColumns, metadata: ZImportColumns }),
  dryRun: z.boolean().default(false),
  /** Import the rows that are fine and report the others; without it one bad row stops the import. */
  skipInvalidRows: z.boolean().default(false),
});
export type TDatasetImportBody = z.infer<typeof ZDatasetImportBody>;
export const ZDatasetImportRowError = z.object({ row: z.number().int(), message: z.string() });
export const ZDatasetImportReport = z.object({
  columns: z.array(z.string()),
  rowCount: z.number().int(),
  validCount: z.number().int(),
  imported: z.number().int(),
  /** The first problems by row (line numbers as people count them; the CSV header is line 1). */
  errors: z.array(ZDatasetImportRowError),
  errorCount: z.number().int(),
  preview: z.array(z.object({ row: z.number().int(), input: z.unknown(), expectedOutput: z.unknown(), metadata: z.unknown() })),
});
export type TDatasetImportReport = z.infer<typeof ZDatasetImportReport>;

// "Add to dataset" from a trace or an observation: its input (and output as the expected output) as
// the person edited them, linked back to where they came from.
export const ZAddDatasetItemBody = z.object({
  input: z.unknown().refine((v) => v !== null && v !== undefined && v !== "", "An item needs an input"),
  expectedOutput: z.unknown().optional(),
  metadata: z.unknown().optional(),
  sourceTraceId: z.string().min(1).max(255).optional(),
  sourceObservationId: z.string().min(1).max(255).optional(),
});
export type TAddDatasetItemBody = z.infer<typeof ZAddDatasetItemBody>;
export const ZAddedDatasetItem = z.object({ id: z.string(), datasetId: z.string() });

// The compare view: runs of one dataset side by side per item. Payloads are previews (the first 1,500
// characters of their text); the trace link has the rest.
export const MAX_COMPARED_RUNS = 4;
export const ZDatasetCompareQuery = z.object({
  runs: z
    .string()
    .transform((s) => [...new Set(s.split(",").filter(Boolean))])
    .refine((ids) => ids.length >= 1 && ids.length <= MAX_COMPARED_RUNS, `Choose 1 to ${MAX_COMPARED_RUNS} runs (runs=id1,id2)`),
});
const ZComparedScore = z.object({ name: z.string(), value: z.number().nullable(), stringValue: z.string().nullable() });
export const ZComparedRun = ZDatasetRunSummary.extend({
  avgLatencyMs: z.number().nullable(),
  totalCost: z.number().nullable(),
  scores: z.array(z.object({ name: z.string(), avg: z.number().nullable(), count: z.number().int() })),
});
export const ZComparedResult = z.object({
  traceId: z.string(),
  observationId: z.string().nullable(),
  itemVersion: z.number().int(),
  outputPreview: z.string().nullable(),
  latencyMs: z.number().nullable(),
  totalCost: z.number().nullable(),
  scores: z.array(ZComparedScore),
});
export type TComparedResult = z.infer<typeof ZComparedResult>;
const ZComparedUnfinished = z.object({ status: z.enum(["PENDING", "FAILED", "CANCELLED"]), error: z.string().nullable() });
export type TComparedUnfinished = z.infer<typeof ZComparedUnfinished>;
export const ZComparedItem = z.object({
  id: z.string(),
  version: z.number().int(),
  inputPreview: z.string().nullable(),
  expectedOutputPreview: z.string().nullable(),
  /** Per run id: what that run produced for the item, or null when the run did not cover it. */
  results: z.record(z.string(), ZComparedResult.nullable()),
  /** Per run id, for a UI experiment's item without a result: why (failed with its reason, cancelled, pending). */
  unfinished: z.record(z.string(), ZComparedUnfinished),
});
export type TComparedItem = z.infer<typeof ZComparedItem>;
export const ZDatasetCompareResponse = z.object({
  runs: z.array(ZComparedRun),
  items: z.array(ZComparedItem),
  scoreNames: z.array(z.string()),
  /** More items than the view holds were covered; the first ones (newest) are shown. */
  truncated: z.boolean(),
});
export type TDatasetCompareResponse = z.infer<typeof ZDatasetCompareResponse>;

// Editing one item in the UI: the full item, and the fields a person changes. Every save is a new
// version in the item's history (the public API's upsert does the same).
export const ZDatasetItemDetail = z.object({
  id: z.string(),
  datasetId: z.string(),
  status: z.enum(DATASET_ITEM_STATUSES),
  input: z.unknown(),
  expectedOutput: z.unknown(),
  metadata: z.unknown(),
  sourceTraceId: z.string().nullable(),
  sourceObservationId: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TDatasetItemDetail = z.infer<typeof ZDatasetItemDetail>;
export const ZEditDatasetItemBody = z
  .object({
    input: z.unknown().optional(),
    expectedOutput: z.unknown().optional(),
    metadata: z.unknown().optional(),
    status: z.enum(DATASET_ITEM_STATUSES).optional(),
    /** The version the editor started from: a save over someone else's newer save is refused (409). */
    version: z.number().int().min(1),
  })
  .refine((b) => b.input !== null && b.input !== "", { message: "An item needs an input", path: ["input"] });
export type TEditDatasetItemBody = z.infer<typeof ZEditDatasetItemBody>;

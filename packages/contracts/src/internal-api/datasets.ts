import { z } from "zod";
import { ZPageMeta } from "../common/pagination.ts";
import { DATASET_ITEM_STATUSES } from "../public-api/datasets.ts";

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

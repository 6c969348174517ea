import { z } from "zod";
import { ZTraceListQuery } from "./list-filters.ts";
import { ZTag } from "./trace-marks.ts";

// Bulk actions of the traces table (POST …/bulk-traces/<action>): a selection is either the ids the
// person ticked or "every trace of this filter", sent as the filter itself so the server resolves it
// (newest first in the filter's sort) and never acts on more than the action's bound.

/** The most ids one request may name (ten pages of the largest page size). */
export const MAX_SELECTED_IDS = 1000;
/** The most traces a filter selection reaches, per action: payload copies are bounded lower than tag and delete updates. */
export const BULK_TRACE_LIMITS = { tags: 10_000, dataset: 1000, delete: 10_000 } as const;
export type BulkTraceAction = keyof typeof BULK_TRACE_LIMITS;

export const ZTraceSelection = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("ids"),
    ids: z
      .array(z.string().trim().min(1).max(200))
      .min(1, "select at least one trace")
      .max(MAX_SELECTED_IDS, `select at most ${MAX_SELECTED_IDS} traces by id; select by filter for more`),
  }),
  z.object({ kind: z.literal("filter"), filter: ZTraceListQuery }),
]);
export type TTraceSelection = z.infer<typeof ZTraceSelection>;

export const ZBulkTagTracesBody = z.object({
  selection: ZTraceSelection,
  /** Added to each trace's tags (kept when already there); a trace keeps at most 50 tags. */
  tags: z.array(ZTag).min(1, "name at least one tag").max(10, "add at most 10 tags at once"),
});
export type TBulkTagTracesBody = z.infer<typeof ZBulkTagTracesBody>;
export const ZBulkTagTracesResponse = z.object({ updated: z.number().int() });

/** Each selected trace becomes an item: its input, its output as the expected output, linked back to it. */
export const ZBulkDatasetTracesBody = z.object({ selection: ZTraceSelection, datasetId: z.string().trim().min(1).max(200) });
export type TBulkDatasetTracesBody = z.infer<typeof ZBulkDatasetTracesBody>;
export const ZBulkDatasetTracesResponse = z.object({
  added: z.number().int(),
  /** Traces without an input (an item needs one). */
  withoutInput: z.number().int(),
  /** Traces whose input or output fails the dataset's schemas, with the first reason. */
  invalid: z.number().int(),
  firstError: z.string().nullable(),
});
export type TBulkDatasetTracesResponse = z.infer<typeof ZBulkDatasetTracesResponse>;

export const ZBulkDeleteTracesBody = z.object({ selection: ZTraceSelection });
export type TBulkDeleteTracesBody = z.infer<typeof ZBulkDeleteTracesBody>;
/** The traces are hidden from lists at once; the worker deletes them in batches. */
export const ZBulkDeleteTracesResponse = z.object({ deleting: z.number().int() });

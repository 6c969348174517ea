import { z } from "zod";
import { ZObservationListQuery, ZSessionListQuery, ZTraceListQuery, ZUserListQuery } from "./list-filters.ts";

// Saved views: a named table view (its URL filters, sort and time range, and its columns) shared by a
// project. The stored query is the table's own URL state, checked against the table's list contract
// when saved, so applying a view can only produce a URL the table already accepts.

export const SAVED_VIEW_TABLES = ["traces", "observations", "sessions", "users"] as const;
export type SavedViewTable = (typeof SAVED_VIEW_TABLES)[number];

/** The list contract of each table a view can belong to. */
export const SAVED_VIEW_QUERIES = {
  traces: ZTraceListQuery,
  observations: ZObservationListQuery,
  sessions: ZSessionListQuery,
  users: ZUserListQuery,
} as const satisfies Record<SavedViewTable, z.ZodType>;

/** URL keys a view never stores: where the person is in the list is not part of a view. */
export const SAVED_VIEW_IGNORED_KEYS = ["page", "peek", "observation"] as const;

const ZColumnId = z.string().min(1).max(100);
export const ZSavedViewState = z.object({
  /** The table's URL query (raw strings, as `useListQuery` keeps them), without the page. */
  query: z.record(z.string().min(1).max(40), z.string().max(1000)).refine((q) => Object.keys(q).length <= 40, "at most 40 keys"),
  /** The column chooser's state; null keeps the person's own columns. */
  columns: z
    .object({ order: z.array(ZColumnId).max(50), hidden: z.array(ZColumnId).max(50) })
    .nullable()
    .default(null),
});
export type TSavedViewState = z.infer<typeof ZSavedViewState>;

const ZViewName = z.string().trim().min(1, "name is required").max(100, "name is at most 100 characters");

export const ZSavedView = z.object({
  id: z.string(),
  table: z.enum(SAVED_VIEW_TABLES),
  name: z.string(),
  state: ZSavedViewState,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TSavedView = z.infer<typeof ZSavedView>;

export const ZSavedViewListQuery = z.object({ table: z.enum(SAVED_VIEW_TABLES) });
export const ZSavedViewList = z.object({ data: z.array(ZSavedView) });
export type TSavedViewList = z.infer<typeof ZSavedViewList>;

export const ZCreateSavedViewBody = z.object({ table: z.enum(SAVED_VIEW_TABLES), name: ZViewName, state: ZSavedViewState });
export type TCreateSavedViewBody = z.infer<typeof ZCreateSavedViewBody>;

/** Rename, or overwrite the view's state with the table's current one (either or both). */
export const ZUpdateSavedViewBody = z
  .object({ name: ZViewName.optional(), state: ZSavedViewState.optional() })
  .refine((b) => b.name !== undefined || b.state !== undefined, "give a name or a state to change");
export type TUpdateSavedViewBody = z.infer<typeof ZUpdateSavedViewBody>;

export const ZSavedViewParams = z.object({ projectId: z.string(), viewId: z.string().min(1).max(100) });

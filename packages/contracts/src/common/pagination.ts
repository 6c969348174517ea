import { z } from "zod";

/** Offset pagination as the Langfuse API speaks it: page from 1, limit 1..100 (default 50). */
export const ZPageQuery = z.object({
  page: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).default(1)),
  limit: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(100).default(50)),
});
export type TPageQuery = z.infer<typeof ZPageQuery>;

export const ZPageMeta = z.object({
  page: z.number().int(),
  limit: z.number().int(),
  totalItems: z.number().int(),
  totalPages: z.number().int(),
});
export type TPageMeta = z.infer<typeof ZPageMeta>;

/**
 * The UI's big lists count at most a cap of matches (a full count of a million rows costs more than
 * the page): past it, totalItems is a lower bound and the pager says "10,000+".
 */
export const ZListPageMeta = ZPageMeta.extend({ totalIsLowerBound: z.boolean() });
export type TListPageMeta = z.infer<typeof ZListPageMeta>;

export function listPageMeta(query: TPageQuery, count: { total: number; totalIsLowerBound: boolean }): TListPageMeta {
  return { ...pageMeta(query, count.total), totalIsLowerBound: count.totalIsLowerBound };
}

export function pageMeta(query: TPageQuery, totalItems: number): TPageMeta {
  return { page: query.page, limit: query.limit, totalItems, totalPages: Math.ceil(totalItems / query.limit) };
}

/** Rows to skip for a 1-based page. */
export function offsetOf(query: TPageQuery): number {
  return (query.page - 1) * query.limit;
}

import type { PagedQuery } from "@/components/ui/data-table";

/** A whole (unpaged) list as the table's one page, and its count for the list header. */
export function unpaged<T>(query: {
  data?: { data: T[] };
  isPending: boolean;
  isFetching: boolean;
  error: Error | null;
  refetch: () => unknown;
}) {
  const rows = query.data?.data;
  const table: PagedQuery<T> = {
    data: rows ? { data: rows, meta: { page: 1, totalItems: rows.length, totalPages: 1 } } : undefined,
    isPending: query.isPending,
    error: query.error,
    refetch: query.refetch,
  };
  const header = { data: rows ? { meta: { totalItems: rows.length } } : undefined, isFetching: query.isFetching, refetch: query.refetch };
  return { table, header };
}

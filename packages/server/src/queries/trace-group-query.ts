import { offsetOf, resolveTimeRange, type TSessionListQuery, type TUserListQuery } from "@loupe/contracts";
import type { TraceGroupFilter, TraceGroupListInput } from "@loupe/db";

// The sessions and users lists share their filters and paging: the contract's query to the repository's.

type GroupQuery = TSessionListQuery | TUserListQuery;

/** The filters both lists have (a group matches when one of its traces does). */
export const traceGroupFilter = (query: GroupQuery): TraceGroupFilter => ({
  ...resolveTimeRange(query),
  search: query.search,
  environment: query.environment,
  tags: query.tags,
  minLevel: query.minLevel,
});

/** The page and sort of a list. */
export const traceGroupPage = (query: GroupQuery): Pick<TraceGroupListInput, "limit" | "offset" | "sort" | "order"> => ({
  limit: query.limit,
  offset: offsetOf(query),
  sort: query.sort,
  order: query.order,
});

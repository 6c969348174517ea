import { resolveTimeRange, type TimeRange } from "@loupe/contracts";
import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { FilterColumn, FilterColumns } from "./filter-sql.ts";
import { eqIf } from "./sql.ts";

// What every read of a table's rows shares: one column map per entity (name → SQL expression and kind,
// whether ORDER BY may use it, whether the public API's JSON `filter` offers it), and the helpers that
// select, filter and order by those names. The traces table, the public API and the metrics views all
// read the same map, so a column's SQL is written once.

export type ReadColumn = FilterColumn & {
  /** ORDER BY may use it (the whitelist for user-chosen sorts). */
  sortable?: true;
  /**
   * Holds no NULLs. Such columns are ordered without a NULLS clause: `DESC NULLS LAST` does not match a
   * plain `DESC` index and turns a 50-row index walk into a sort of every matching row.
   */
  notNull?: true;
  /** Offered by the public API's JSON `filter` parameter (the SDKs' documented columns). */
  filterable?: true;
};
export type ReadColumns = Record<string, ReadColumn>;

/** The names of a map's sortable columns: an ORDER BY on anything else does not compile. */
export type SortableColumn<C extends ReadColumns> = { [K in keyof C]: C[K] extends { sortable: true } ? K : never }[keyof C] & string;

/** The columns of the public API's JSON `filter` parameter, in the map's order. */
export function filterableColumns(columns: ReadColumns): FilterColumns {
  return Object.fromEntries(Object.entries(columns).filter(([, c]) => c.filterable));
}

/** `expr AS "name", …` for `names`; numbers come back as float8 (JS numbers, not Decimal). */
export function selectColumns<C extends ReadColumns>(columns: C, names: readonly (keyof C & string)[]): Prisma.Sql {
  return Prisma.join(
    names.map((name) => {
      const { kind, sql } = columns[name] as ReadColumn;
      return kind === "number"
        ? Prisma.sql`(${sql})::float8 AS ${Prisma.raw(`"${name}"`)}`
        : Prisma.sql`${sql} AS ${Prisma.raw(`"${name}"`)}`;
    }),
  );
}

/** `column = value` for every given filter whose key names a column (undefined: no condition). */
export function equalTo<C extends ReadColumns, K extends keyof C & string>(
  columns: C,
  filter: Partial<Record<K, string | number | null>>,
  keys: readonly K[],
): (Prisma.Sql | undefined)[] {
  return keys.map((key) => eqIf((columns[key] as ReadColumn).sql, filter[key]));
}

/** Some columns of a map, under their own names (a metrics view's dimensions, say). */
export function pickColumns<C extends ReadColumns, K extends keyof C & string>(columns: C, names: readonly K[]): Pick<C, K> {
  return Object.fromEntries(names.map((name) => [name, columns[name]])) as Pick<C, K>;
}

/**
 * `ORDER BY <column> <dir>[ NULLS LAST], <tiebreak> <dir>`. Nullable columns put NULLs last in both
 * directions (traces without observations after the others); the rollup indexes are `DESC NULLS LAST`
 * to match the default newest/largest-first sort. NOT NULL columns get no NULLS clause, so either
 * direction walks their index.
 */
export function orderByColumn<C extends ReadColumns>(
  columns: C,
  name: SortableColumn<C>,
  direction: "asc" | "desc",
  tiebreak: SortableColumn<C>,
): Prisma.Sql {
  const column = columns[name] as ReadColumn;
  const dir = Prisma.raw(direction === "asc" ? "ASC" : "DESC");
  const nulls = column.notNull ? Prisma.empty : Prisma.raw(" NULLS LAST");
  return Prisma.sql`ORDER BY ${column.sql} ${dir}${nulls}, ${(columns[tiebreak] as ReadColumn).sql} ${dir}`;
}

/** Matches counted beyond this are reported as "at least": counting a million index entries costs more than the page. */
export const LIST_COUNT_CAP = 10_000;

/**
 * A page of a UI table and its total, run side by side. The total is `count(*)` stopped after the cap
 * + 1 rows: exact up to the cap, a lower bound past it; the cap is never below the rows up to the
 * requested page, so its pager stays right.
 */
export async function listPage<R>(
  query: { select: Prisma.Sql; from: Prisma.Sql; where: Prisma.Sql; orderBy: Prisma.Sql },
  page: { offset: number; limit: number },
) {
  const cap = Math.max(LIST_COUNT_CAP, page.offset + page.limit);
  const [rows, [count]] = await Promise.all([
    prisma.$queryRaw<
      R[]
    >`SELECT ${query.select} ${query.from} WHERE ${query.where} ${query.orderBy} LIMIT ${page.limit} OFFSET ${page.offset}`,
    prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM (SELECT 1 ${query.from} WHERE ${query.where} LIMIT ${cap + 1}) AS matches`,
  ]);
  const n = count?.n ?? 0;
  return { rows, total: Math.min(n, cap), totalIsLowerBound: n > cap };
}

/** Where a newest-first keyset walk stands: the last row's time and id. */
export type KeysetCursor = { at: Date; id: string };

/**
 * The next `limit` rows of a newest-first walk over (time, id), both NOT NULL, after `after`. The
 * `time <= at` conjunct is what the `(projectId, time DESC)` index seeks to, so every page starts where
 * the last one ended instead of re-reading the rows before it (an export of 100k rows stays linear).
 */
export function keysetPage<R>(
  query: { select: Prisma.Sql; from: Prisma.Sql; where: Prisma.Sql },
  order: { time: Prisma.Sql; id: Prisma.Sql },
  after: KeysetCursor | null,
  limit: number,
): Promise<R[]> {
  const { time, id } = order;
  const past = after ? Prisma.sql`AND ${time} <= ${after.at} AND (${time} < ${after.at} OR ${id} < ${after.id})` : Prisma.empty;
  return prisma.$queryRaw<
    R[]
  >`SELECT ${query.select} ${query.from} WHERE ${query.where} ${past} ORDER BY ${time} DESC, ${id} DESC LIMIT ${limit}`;
}

/** The absolute window of a table's time filter (custom from/to, else the preset), as ISO bounds. */
export function listTimeBounds(input: { range?: TimeRange; from?: string; to?: string }) {
  const { from, to } = resolveTimeRange({ range: input.range ?? "all", from: input.from, to: input.to });
  return { from: from?.toISOString(), to: to?.toISOString() };
}

import { Prisma } from "../generated/prisma/client.ts";

/** A JSON value as a jsonb SQL parameter (SQL NULL for null/undefined). */
export function jsonb(value: unknown): Prisma.Sql {
  if (value === undefined || value === null) return Prisma.sql`NULL`;
  return Prisma.sql`${JSON.stringify(value)}::jsonb`;
}

/** A condition list joined with AND (TRUE when empty). `undefined` entries are skipped, so filters read as one line each. */
export function whereAll(conditions: (Prisma.Sql | undefined | false)[]): Prisma.Sql {
  const present = conditions.filter((c): c is Prisma.Sql => Boolean(c));
  return present.length > 0 ? Prisma.join(present, " AND ") : Prisma.sql`TRUE`;
}

/** `column = value` when the filter is given. */
export function eqIf(column: Prisma.Sql, value: string | number | undefined | null): Prisma.Sql | undefined {
  return value === undefined || value === null ? undefined : Prisma.sql`${column} = ${value}`;
}

/** `column = ANY(values)` when the list is given. */
export function anyOfIf(column: Prisma.Sql, values: string[] | undefined): Prisma.Sql | undefined {
  return values && values.length > 0 ? Prisma.sql`${column} = ANY(${values}::text[])` : undefined;
}

/** `from <= column < to` (either bound optional; ISO strings). */
export function timeRange(column: Prisma.Sql, from: string | undefined, to: string | undefined): Prisma.Sql[] {
  const out: Prisma.Sql[] = [];
  if (from) out.push(Prisma.sql`${column} >= ${new Date(from)}`);
  if (to) out.push(Prisma.sql`${column} < ${new Date(to)}`);
  return out;
}

/** `min <= expr <= max` (either bound optional). */
export function between(expr: Prisma.Sql, min: number | undefined, max: number | undefined): Prisma.Sql[] {
  const out: Prisma.Sql[] = [];
  if (min !== undefined) out.push(Prisma.sql`${expr} >= ${min}`);
  if (max !== undefined) out.push(Prisma.sql`${expr} <= ${max}`);
  return out;
}

/** `term` for a LIKE pattern: the user's `%`, `_` and `\` match themselves. */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, "\\$&");
}

/** A case-insensitive substring pattern for ILIKE. */
export function containsPattern(term: string): string {
  return `%${escapeLike(term)}%`;
}

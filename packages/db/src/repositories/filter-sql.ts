import type { FilterConditionType, TFilterCondition } from "@loupe/contracts";
import { QueryInputError } from "../errors.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { escapeLike } from "./sql.ts";

// Langfuse filter conditions → SQL. Each endpoint names its filterable columns with a kind; a condition
// can only reach SQL through such a whitelisted expression, and values are always bound parameters.

export type FilterColumnKind =
  | "string"
  | "number"
  | "datetime"
  | "boolean"
  | "array"
  | "json"
  | "scoreAverage"
  | "scoreCategory"
  | "scoreBoolean";
/** `sql` is the column's expression; for the score kinds it is the trace whose scores (of the condition's `key`) are compared. */
export type FilterColumn = { kind: FilterColumnKind; sql: Prisma.Sql; projectId?: Prisma.Sql };
export type FilterColumns = Record<string, FilterColumn>;

export const filterColumn = {
  string: (sql: Prisma.Sql): FilterColumn => ({ kind: "string", sql }),
  number: (sql: Prisma.Sql): FilterColumn => ({ kind: "number", sql }),
  datetime: (sql: Prisma.Sql): FilterColumn => ({ kind: "datetime", sql }),
  boolean: (sql: Prisma.Sql): FilterColumn => ({ kind: "boolean", sql }),
  array: (sql: Prisma.Sql): FilterColumn => ({ kind: "array", sql }),
  json: (sql: Prisma.Sql): FilterColumn => ({ kind: "json", sql }),
  /** The scores of a trace (`traceId` in project `projectId`), one name per condition (its `key`). */
  scores: (kind: "scoreAverage" | "scoreCategory" | "scoreBoolean", traceId: Prisma.Sql, projectId: Prisma.Sql): FilterColumn => ({
    kind,
    sql: traceId,
    projectId,
  }),
};

const TYPES_BY_KIND: Record<FilterColumnKind, FilterConditionType[]> = {
  string: ["string", "stringOptions", "categoryOptions", "null"],
  number: ["number", "null"],
  datetime: ["datetime", "null"],
  boolean: ["boolean", "null"],
  array: ["arrayOptions", "stringOptions", "null"],
  json: ["stringObject", "numberObject", "booleanObject", "categoryOptions", "null"],
  scoreAverage: ["numberObject"],
  scoreCategory: ["categoryOptions"],
  scoreBoolean: ["booleanObject"],
};

const sql = Prisma.sql;
const COMPARISON = { "=": "=", ">": ">", "<": "<", ">=": ">=", "<=": "<=" } as const;

function compare(expr: Prisma.Sql, operator: string, value: unknown): Prisma.Sql {
  if (operator === "!=" || operator === "<>") return sql`${expr} IS DISTINCT FROM ${value}`;
  return sql`${expr} ${Prisma.raw(COMPARISON[operator as keyof typeof COMPARISON])} ${value}`;
}

function stringCondition(expr: Prisma.Sql, operator: string, value: string): Prisma.Sql {
  switch (operator) {
    case "contains":
    case "matches":
      return sql`${expr} ILIKE ${`%${escapeLike(value)}%`}`;
    case "does not contain":
      return sql`(${expr} IS NULL OR ${expr} NOT ILIKE ${`%${escapeLike(value)}%`})`;
    case "starts with":
      return sql`${expr} ILIKE ${`${escapeLike(value)}%`}`;
    case "ends with":
      return sql`${expr} ILIKE ${`%${escapeLike(value)}`}`;
    default:
      return compare(expr, operator, value);
  }
}

const anyOf = (expr: Prisma.Sql, values: string[], negate: boolean) =>
  negate ? sql`(${expr} IS NULL OR NOT (${expr} = ANY(${values}::text[])))` : sql`${expr} = ANY(${values}::text[])`;

/**
 * A JSON value as a number when it is one (or a numeric string, as OTel attributes often are), compared
 * as `numeric`: a float8 cast of a stored "1e999" overflowed (22003) and failed the whole query. Digits
 * (at most 255, Postgres's largest regex bound) and exponent are bounded so that every accepted text
 * fits numeric (10^±131072); anything longer counts as not a number.
 */
const jsonNumber = (text: Prisma.Sql) =>
  sql`(CASE WHEN ${text} ~ '^\\s*-?[0-9]{1,255}(\\.[0-9]{1,255})?([eE][-+]?[0-9]{1,4})?\\s*$' THEN (${text})::numeric END)`;

/** Scores of one name on the column's trace (EXISTS/aggregates over Score (projectId, traceId, name)). */
function scoreCondition(column: FilterColumn, c: TFilterCondition & { key?: string }): Prisma.Sql {
  const scoresOf = sql`FROM "Score" s WHERE s."projectId" = ${column.projectId} AND s."traceId" = ${column.sql} AND s."name" = ${c.key ?? ""}`;
  if (c.type === "numberObject") return compare(sql`(SELECT avg(s."value") ${scoresOf})`, c.operator, c.value);
  if (c.type === "categoryOptions") {
    const matching = sql`EXISTS (SELECT 1 ${scoresOf} AND s."stringValue" = ANY(${c.value}::text[]))`;
    return c.operator === "any of" ? matching : sql`NOT ${matching}`;
  }
  if (c.type === "booleanObject") {
    // Langfuse: "<>" also matches traces without a score of that name.
    const matching = sql`EXISTS (SELECT 1 ${scoresOf} AND s."dataType" = 'BOOLEAN' AND s."stringValue" = ${c.value ? "True" : "False"})`;
    return c.operator === "=" ? matching : sql`NOT ${matching}`;
  }
  throw new QueryInputError(`column "${c.column}" does not take ${c.type} conditions`);
}

function conditionSql(column: FilterColumn, c: TFilterCondition): Prisma.Sql {
  const e = column.sql;
  if (column.kind === "scoreAverage" || column.kind === "scoreCategory" || column.kind === "scoreBoolean") return scoreCondition(column, c);
  switch (c.type) {
    case "null":
      if (column.kind === "array")
        return c.operator === "is null" ? sql`cardinality(${e}) IS NOT DISTINCT FROM 0` : sql`cardinality(${e}) > 0`;
      return c.operator === "is null" ? sql`${e} IS NULL` : sql`${e} IS NOT NULL`;
    case "string":
      return stringCondition(e, c.operator, c.value);
    case "number":
      return compare(e, c.operator, c.value);
    case "datetime":
      return compare(e, c.operator, new Date(c.value));
    case "boolean":
      return compare(e, c.operator, c.value);
    case "stringOptions":
    case "categoryOptions":
      if (column.kind === "array") return c.operator === "any of" ? sql`${e} && ${c.value}::text[]` : sql`NOT (${e} && ${c.value}::text[])`;
      if (column.kind === "json")
        return anyOf(sql`(${e} ->> ${c.type === "categoryOptions" ? (c.key ?? "") : ""})`, c.value, c.operator === "none of");
      return anyOf(e, c.value, c.operator === "none of");
    case "arrayOptions":
      if (c.operator === "all of") return sql`${e} @> ${c.value}::text[]`;
      return c.operator === "any of" ? sql`${e} && ${c.value}::text[]` : sql`NOT (${e} && ${c.value}::text[])`;
    case "stringObject":
      return stringCondition(sql`(${e} ->> ${c.key})`, c.operator, c.value);
    case "numberObject":
      return compare(jsonNumber(sql`(${e} ->> ${c.key})`), c.operator, sql`${c.value}::numeric`);
    case "booleanObject":
      return compare(sql`lower(${e} ->> ${c.key})`, c.operator, String(c.value));
  }
}

/**
 * SQL conditions for `conditions` over an endpoint's columns. Throws QueryInputError naming the
 * condition for an unknown column or a type the column does not take (e.g. `string` on `tags`).
 */
export function filterConditions(conditions: TFilterCondition[] | undefined, columns: FilterColumns): Prisma.Sql[] {
  return (conditions ?? []).map((c, i) => {
    const column = Object.hasOwn(columns, c.column) ? columns[c.column] : undefined;
    if (!column) {
      throw new QueryInputError(`filter[${i}]: unknown column "${c.column}"; available: ${Object.keys(columns).join(", ")}`);
    }
    const allowed = TYPES_BY_KIND[column.kind];
    if (!allowed.includes(c.type)) {
      throw new QueryInputError(`filter[${i}]: column "${c.column}" does not take ${c.type} conditions; use ${allowed.join(" or ")}`);
    }
    if (c.type === "categoryOptions" && (column.kind === "json" || column.kind === "scoreCategory") && !c.key) {
      throw new QueryInputError(`filter[${i}]: categoryOptions on "${c.column}" needs a key`);
    }
    return conditionSql(column, c);
  });
}

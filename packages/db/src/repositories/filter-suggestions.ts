import type { SuggestionField } from "@loupe/contracts";
import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";

// The values a table filter suggests. Never a scan of the project: each field reads only the project's
// newest rows (a fixed number, walked on the `(projectId, timestamp DESC)` / `(projectId, startTime
// DESC)` indexes), so the cost is the same at 1,000 or 10 million traces. Values seen only in older
// rows are not suggested; the filter still accepts any typed value.

const sql = Prisma.sql;

/** How many of a project's newest rows the suggestions look at. */
export const SUGGESTION_WINDOW = { trace: 10_000, observation: 20_000 } as const;

type Source = { table: keyof typeof SUGGESTION_WINDOW; value: Prisma.Sql; array?: true };

/** Where each suggestible field's values come from (`t` the trace, `o` the observation). */
const SUGGESTION_SOURCES = {
  traceName: { table: "trace", value: sql`t."name"` },
  tags: { table: "trace", value: sql`t."tags"`, array: true },
  environment: { table: "trace", value: sql`t."environment"` },
  userId: { table: "trace", value: sql`t."userId"` },
  sessionId: { table: "trace", value: sql`t."sessionId"` },
  release: { table: "trace", value: sql`t."release"` },
  version: { table: "trace", value: sql`t."version"` },
  model: { table: "observation", value: sql`o."model"` },
  observationName: { table: "observation", value: sql`o."name"` },
  promptName: { table: "observation", value: sql`o."promptName"` },
} as const satisfies Record<SuggestionField, Source>;

/** Values longer than a filter accepts are never offered. */
const MAX_VALUE_LENGTH = 200;

/**
 * Distinct values of `field` among the project's newest rows that start with `prefix`
 * (case-insensitive), most frequent first, at most `limit`.
 */
export async function suggestFilterValues(projectId: string, field: SuggestionField, prefix: string, limit: number): Promise<string[]> {
  const source: Source = SUGGESTION_SOURCES[field];
  const recent =
    source.table === "trace"
      ? sql`SELECT ${source.value} AS v FROM "Trace" t WHERE t."projectId" = ${projectId} ORDER BY t."timestamp" DESC LIMIT ${SUGGESTION_WINDOW.trace}`
      : sql`SELECT ${source.value} AS v FROM "Observation" o WHERE o."projectId" = ${projectId} ORDER BY o."startTime" DESC LIMIT ${SUGGESTION_WINDOW.observation}`;
  const values = source.array ? sql`SELECT unnest(r.v) AS v FROM (${recent}) r` : recent;
  const rows = await prisma.$queryRaw<{ value: string }[]>`
    SELECT s.v AS value FROM (${values}) s
    WHERE s.v IS NOT NULL AND s.v <> '' AND length(s.v) <= ${MAX_VALUE_LENGTH}::int
      AND starts_with(lower(s.v), lower(${prefix}::text))
    GROUP BY s.v ORDER BY count(*) DESC, s.v LIMIT ${limit}`;
  return rows.map((r) => r.value);
}

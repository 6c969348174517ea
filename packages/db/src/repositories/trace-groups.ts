import { levelsAtLeast, type ObservationLevel, type ScoreOperator } from "@loupe/contracts";
import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { containsPattern, timeRange, whereAll } from "./sql.ts";
import { scoreCompares } from "./trace-reads.ts";

// Aggregates over the traces that share a session id or a user id: the sessions and users lists and the
// totals of one session or user. One SQL shape serves both; payload columns are never read here, and
// the aggregates come from the traces' rollup columns (cost, tokens, latency, level) alone, so a list
// is one walk of the (projectId, sessionId|userId, timestamp) index, never a join with observations.

const sql = Prisma.sql;

export type TraceGroupKey = "sessionId" | "userId";

export type TraceGroupRow = {
  id: string;
  traceCount: number;
  sessionCount: number;
  userIds: string[];
  environment: string;
  firstTraceAt: Date;
  lastTraceAt: Date;
  durationMs: number | null;
  totalCost: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
};

/** A group matches when one of its traces does (in the time range: its totals cover those traces). */
export type TraceGroupFilter = {
  /** Part of the group's id. */
  search?: string;
  from?: Date;
  to?: Date;
  userId?: string;
  environment?: string;
  /** A trace of the group carries every one of these tags. */
  tags?: string[];
  /** A trace of the group reached this level (ERROR = "has error"). */
  minLevel?: ObservationLevel;
  /** A score given to the group itself (sessions: Score.sessionId). */
  score?: { name: string; operator: ScoreOperator; value: string };
};

/** What a list sorts by, as the column of the aggregate row. */
export const TRACE_GROUP_SORTS = {
  last: `"lastTraceAt"`,
  start: `"firstTraceAt"`,
  first: `"firstTraceAt"`,
  duration: `"durationMs"`,
  traces: `"traceCount"`,
  sessions: `"sessionCount"`,
  cost: `"totalCost"`,
  tokens: `"totalTokens"`,
} as const;
export type TraceGroupSort = keyof typeof TRACE_GROUP_SORTS;

/** The sorts by a time of the group: the aggregate of the trace timestamps that orders the page. */
const TIME_SORTS: Partial<Record<TraceGroupSort, "max" | "min">> = { last: "max", start: "min", first: "min" };

const COLUMNS: Record<TraceGroupKey, Prisma.Sql> = { sessionId: Prisma.raw(`"sessionId"`), userId: Prisma.raw(`"userId"`) };

export type TraceGroupListInput = {
  projectId: string;
  by: TraceGroupKey;
  limit: number;
  offset: number;
  id?: string;
  filter?: TraceGroupFilter;
  sort?: TraceGroupSort;
  order?: "asc" | "desc";
};

type GroupScope = Pick<TraceGroupListInput, "projectId" | "by" | "id" | "filter">;

/** The conditions of a group list: on single traces (WHERE), on the group (HAVING), and the group's own score. */
function groupConditions(input: GroupScope) {
  const col = COLUMNS[input.by];
  const f = input.filter ?? {};
  const levels = levelsAtLeast(f.minLevel);
  const where = whereAll([
    sql`t."projectId" = ${input.projectId}`,
    sql`t.${col} IS NOT NULL`,
    input.id !== undefined && sql`t.${col} = ${input.id}`,
    f.search !== undefined && sql`t.${col} ILIKE ${containsPattern(f.search)}`,
    // Only the groups of this user's traces are aggregated: an index walk of (projectId, userId, …)
    // instead of every group of the project (HAVING below still asks for one such trace).
    f.userId !== undefined &&
      sql`t.${col} IN (SELECT u.${col} FROM "Trace" u WHERE u."projectId" = ${input.projectId} AND u."userId" = ${f.userId})`,
    ...timeRange(sql`t."timestamp"`, f.from?.toISOString(), f.to?.toISOString()),
  ]);
  // Conditions on single traces: the group has at least one such trace.
  const having = whereAll([
    f.userId !== undefined && sql`bool_or(t."userId" = ${f.userId})`,
    f.environment !== undefined && sql`bool_or(t."environment" = ${f.environment})`,
    f.tags !== undefined && f.tags.length > 0 && sql`bool_or(t."tags" @> ${f.tags}::text[])`,
    levels !== undefined && sql`bool_or(t."observationCount" > 0 AND t."level" = ANY(${levels}::text[]))`,
  ]);
  /** A score given to the group itself (sessions), on the expression naming the group's id. */
  const scored = (groupId: Prisma.Sql) =>
    f.score
      ? sql`EXISTS (SELECT 1 FROM "Score" s WHERE s."projectId" = ${input.projectId} AND s."sessionId" = ${groupId}
        AND s."name" = ${f.score.name} AND ${scoreCompares(f.score.operator, f.score.value)})`
      : null;
  const onlyTimeAndId =
    f.userId === undefined && f.environment === undefined && (f.tags ?? []).length === 0 && levels === undefined && !f.score;
  return { col, where, having, scored, onlyTimeAndId };
}

/** A group's row from its traces' rollup columns (the SELECT list over `t`, grouped by the group's id). */
const groupAggregates = (col: Prisma.Sql) => sql`t.${col} AS id,
        count(*)::int AS "traceCount",
        count(DISTINCT t."sessionId")::int AS "sessionCount",
        COALESCE(array_agg(DISTINCT t."userId") FILTER (WHERE t."userId" IS NOT NULL), '{}') AS "userIds",
        (array_agg(t."environment" ORDER BY t."timestamp" DESC))[1] AS "environment",
        min(t."timestamp") AS "firstTraceAt",
        max(t."timestamp") AS "lastTraceAt",
        -- From the first trace's timestamp to the end of the trace that ends last (its timestamp plus the
        -- rollup's latency), so sorting by duration needs no observation rows.
        (EXTRACT(EPOCH FROM (max(t."timestamp" + COALESCE(t."latencyMs", 0) * interval '1 millisecond') - min(t."timestamp"))) * 1000)::float8
          AS "durationMs",
        sum(t."totalCost")::float8 AS "totalCost",
        sum(t."inputTokens")::float8 AS "inputTokens",
        sum(t."outputTokens")::float8 AS "outputTokens",
        sum(t."totalTokens")::float8 AS "totalTokens"`;

/** One page of groups (most recently active first unless sorted otherwise) and how many match in all. */
export async function listTraceGroups(input: TraceGroupListInput): Promise<{ rows: TraceGroupRow[]; total: number }> {
  const { col, where, having, scored, onlyTimeAndId } = groupConditions(input);
  const sortColumn = Prisma.raw(TRACE_GROUP_SORTS[input.sort ?? "last"]);
  const direction = Prisma.raw(input.order === "asc" ? "ASC" : "DESC");
  const byTime = TIME_SORTS[input.sort ?? "last"];
  // Sorted by a time and filtered on the group's id and time only (the lists' default view: no HAVING),
  // the page is found from the (projectId, sessionId|userId, timestamp) index alone — ids and their
  // min/max time, an index-only scan — and only its groups are aggregated from the trace rows.
  const pageIds =
    byTime && onlyTimeAndId
      ? await prisma.$queryRaw<{ id: string; total: number }[]>`
          SELECT t.${col} AS id, count(*) OVER ()::int AS total FROM "Trace" t
          WHERE ${where}
          GROUP BY t.${col}
          ORDER BY ${Prisma.raw(byTime)}(t."timestamp") ${direction}, t.${col} ${direction}
          LIMIT ${input.limit} OFFSET ${input.offset}`
      : null;
  const onPage = pageIds ? sql` AND t.${col} = ANY(${pageIds.map((r) => r.id)}::text[])` : Prisma.empty;
  const groupScore = scored(sql`g.id`);
  const rows = await prisma.$queryRaw<(TraceGroupRow & { total: number })[]>`
    WITH g AS (
      SELECT ${groupAggregates(col)}
      FROM "Trace" t
      WHERE ${where}${onPage}
      GROUP BY t.${col}
      HAVING ${having}
    )
    SELECT g.*, count(*) OVER ()::int AS total FROM g ${groupScore ? sql`WHERE ${groupScore}` : Prisma.empty}
    ORDER BY ${sortColumn} ${direction} NULLS LAST, g.id ${direction}
    LIMIT ${input.limit} OFFSET ${pageIds ? 0 : input.offset}`;
  // A page past the end has no rows to carry the total: count again without the page.
  const total: number =
    (pageIds ? pageIds[0]?.total : rows[0]?.total) ??
    (input.offset > 0 ? (await listTraceGroups({ ...input, offset: 0, limit: 1 })).total : 0);
  return { rows: rows.map(({ total: _, ...row }) => row), total };
}

/**
 * One keyset page of an export: the groups after `afterId`, in id order. Unlike a list page it counts
 * nothing and never aggregates past the page: the (projectId, sessionId|userId, timestamp) index is
 * walked in id order from where the last page ended, and the walk stops at `limit` matching groups, so
 * an export of N groups reads each trace once however many pages it takes.
 */
export async function exportTraceGroupPage(scope: GroupScope, afterId: string | null, limit: number): Promise<TraceGroupRow[]> {
  const { col, where, having, scored } = groupConditions(scope);
  const groupScore = scored(sql`t.${col}`);
  return prisma.$queryRaw<TraceGroupRow[]>`
    SELECT ${groupAggregates(col)}
    FROM "Trace" t
    WHERE ${where}${afterId === null ? Prisma.empty : sql` AND t.${col} > ${afterId}`}
    GROUP BY t.${col}
    HAVING ${having}${groupScore ? sql` AND ${groupScore}` : Prisma.empty}
    ORDER BY t.${col}
    LIMIT ${limit}`;
}

/** The totals of one session or user, or null when no trace carries that id in this project. */
export async function getTraceGroup(projectId: string, by: TraceGroupKey, id: string): Promise<TraceGroupRow | null> {
  const { rows } = await listTraceGroups({ projectId, by, id, limit: 1, offset: 0 });
  return rows[0] ?? null;
}

export type GroupScoreAggregateRow = {
  groupId: string;
  name: string;
  dataType: string;
  count: number;
  average: number | null;
  mostCommon: string | null;
};

/** Scores given to sessions themselves (Score.sessionId), per session and name, for a page of sessions. */
export async function listSessionScoreAggregates(projectId: string, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return prisma.$queryRaw<GroupScoreAggregateRow[]>`
    SELECT s."sessionId" AS "groupId", s."name", s."dataType"::text AS "dataType", count(*)::int AS "count",
      avg(s."value")::float8 AS "average",
      mode() WITHIN GROUP (ORDER BY s."stringValue") AS "mostCommon"
    FROM "Score" s
    WHERE s."projectId" = ${projectId} AND s."sessionId" = ANY(${sessionIds}::text[])
    GROUP BY s."sessionId", s."name", s."dataType"
    ORDER BY s."name", s."dataType"`;
}

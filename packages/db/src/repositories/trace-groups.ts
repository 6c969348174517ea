import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";

// Aggregates over the traces that share a session id or a user id: the sessions and users lists and the
// totals of one session or user. One SQL shape serves both; payload columns are never read here.

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

const COLUMNS: Record<TraceGroupKey, Prisma.Sql> = { sessionId: Prisma.raw(`"sessionId"`), userId: Prisma.raw(`"userId"`) };

/** One page of groups, most recently active first, and how many groups there are in all. */
export async function listTraceGroups(input: { projectId: string; by: TraceGroupKey; limit: number; offset: number; id?: string }) {
  const col = COLUMNS[input.by];
  const only = input.id !== undefined ? Prisma.sql`AND t.${col} = ${input.id}` : Prisma.empty;
  const [rows, counted] = await Promise.all([
    prisma.$queryRaw<TraceGroupRow[]>`
      WITH g AS (
        SELECT t.${col} AS id,
          count(*)::int AS "traceCount",
          count(DISTINCT t."sessionId")::int AS "sessionCount",
          COALESCE(array_agg(DISTINCT t."userId") FILTER (WHERE t."userId" IS NOT NULL), '{}') AS "userIds",
          (array_agg(t."environment" ORDER BY t."timestamp" DESC))[1] AS "environment",
          min(t."timestamp") AS "firstTraceAt",
          max(t."timestamp") AS "lastTraceAt"
        FROM "Trace" t
        WHERE t."projectId" = ${input.projectId} AND t.${col} IS NOT NULL ${only}
        GROUP BY t.${col}
        ORDER BY max(t."timestamp") DESC, t.${col} DESC
        LIMIT ${input.limit} OFFSET ${input.offset}
      )
      SELECT g.*,
        (EXTRACT(EPOCH FROM (GREATEST(g."lastTraceAt", agg.last_end) - LEAST(g."firstTraceAt", agg.first_start))) * 1000)::float8
          AS "durationMs",
        agg.total_cost::float8 AS "totalCost",
        agg.input_tokens::float8 AS "inputTokens",
        agg.output_tokens::float8 AS "outputTokens",
        agg.total_tokens::float8 AS "totalTokens"
      FROM g
      LEFT JOIN LATERAL (
        SELECT min(o."startTime") AS first_start,
          max(COALESCE(o."endTime", o."startTime")) AS last_end,
          sum(o."totalCost") AS total_cost,
          sum(o."inputTokens") AS input_tokens,
          sum(o."outputTokens") AS output_tokens,
          sum(o."totalTokens") AS total_tokens
        FROM "Trace" t2
        JOIN "Observation" o ON o."projectId" = t2."projectId" AND o."traceId" = t2."id"
        WHERE t2."projectId" = ${input.projectId} AND t2.${col} = g.id
      ) agg ON true
      ORDER BY g."lastTraceAt" DESC, g.id DESC`,
    prisma.$queryRaw<{ total: number }[]>`
      SELECT count(DISTINCT t.${col})::int AS total FROM "Trace" t
      WHERE t."projectId" = ${input.projectId} AND t.${col} IS NOT NULL ${only}`,
  ]);
  return { rows, total: counted[0]?.total ?? 0 };
}

/** The totals of one session or user, or null when no trace carries that id in this project. */
export async function getTraceGroup(projectId: string, by: TraceGroupKey, id: string): Promise<TraceGroupRow | null> {
  const { rows } = await listTraceGroups({ projectId, by, id, limit: 1, offset: 0 });
  return rows[0] ?? null;
}

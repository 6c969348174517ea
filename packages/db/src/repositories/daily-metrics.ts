import { prisma } from "../client.ts";
import { type TraceFilter, whereTraces } from "./trace-reads.ts";

export type DailyUsageRow = {
  day: string;
  model: string | null;
  countObservations: number;
  countTraces: number;
  inputUsage: number;
  outputUsage: number;
  totalUsage: number;
  totalCost: number;
};

/**
 * Daily totals of the traces matching `filter`, newest day first, one page of days at a time, plus
 * per-model usage of those days. Days are UTC calendar days of the trace timestamp.
 */
export async function dailyMetrics(input: { projectId: string; filter: TraceFilter; limit: number; offset: number }) {
  const where = whereTraces(input.projectId, input.filter);
  const days = await prisma.$queryRaw<{ day: string; countTraces: number; total: number }[]>`
    SELECT to_char(date_trunc('day', t."timestamp"), 'YYYY-MM-DD') AS day, count(*)::int AS "countTraces",
      (count(*) OVER ())::int AS total
    FROM "Trace" t WHERE ${where}
    GROUP BY 1 ORDER BY 1 DESC LIMIT ${input.limit} OFFSET ${input.offset}`;
  if (days.length === 0) {
    const [count] = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(DISTINCT date_trunc('day', t."timestamp"))::int AS n FROM "Trace" t WHERE ${where}`;
    return { days: [], usage: [], totalDays: count?.n ?? 0 };
  }
  const usage = await prisma.$queryRaw<DailyUsageRow[]>`
    SELECT to_char(date_trunc('day', t."timestamp"), 'YYYY-MM-DD') AS day, o."model" AS model,
      count(*)::int AS "countObservations", count(DISTINCT o."traceId")::int AS "countTraces",
      COALESCE(sum(o."inputTokens"), 0)::float8 AS "inputUsage", COALESCE(sum(o."outputTokens"), 0)::float8 AS "outputUsage",
      COALESCE(sum(o."totalTokens"), 0)::float8 AS "totalUsage", COALESCE(sum(o."totalCost"), 0)::float8 AS "totalCost"
    FROM "Trace" t
    JOIN "Observation" o ON o."projectId" = t."projectId" AND o."traceId" = t."id"
    WHERE ${where} AND to_char(date_trunc('day', t."timestamp"), 'YYYY-MM-DD') = ANY(${days.map((d) => d.day)}::text[])
    GROUP BY 1, 2`;
  return { days, usage, totalDays: days[0]?.total ?? 0 };
}

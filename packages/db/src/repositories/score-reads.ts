import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { ScoreRecord } from "./scores.ts";
import type { TFilterCondition, TTraceScoreAggregate } from "@loupe/contracts";
import { type FilterColumns, filterColumn, filterConditions } from "./filter-sql.ts";
import { anyOfIf, eqIf, timeRange, whereAll } from "./sql.ts";

// Score reads: the public API (v1/v2 scores, deletes), the trace page and the traces table's Scores column.
// Scores are written by the ingestion worker (scores.ts).

export type ScoreFilter = {
  ids?: string[];
  traceIds?: string[];
  userId?: string;
  name?: string;
  fromTimestamp?: string;
  toTimestamp?: string;
  environment?: string[];
  source?: string;
  value?: { operator: ">" | "<" | ">=" | "<=" | "=" | "!=" | "<>"; value: number };
  configId?: string;
  sessionId?: string;
  datasetRunId?: string;
  traceId?: string;
  observationIds?: string[];
  queueId?: string;
  dataType?: string;
  traceTags?: string[];
  /** Only scores on a trace (the v1 list predates session and dataset-run scores). */
  traceScoresOnly?: boolean;
  /** The JSON `filter` parameter's conditions. */
  conditions?: TFilterCondition[];
  // Lists of the v3 endpoint (OR within a list, AND across them).
  names?: string[];
  sources?: string[];
  dataTypes?: string[];
  configIds?: string[];
  queueIds?: string[];
  authorUserIds?: string[];
  sessionIds?: string[];
  datasetRunIds?: string[];
  values?: number[];
  stringValues?: string[];
  valueMin?: number;
  valueMax?: number;
  /** Keyset cursor: scores strictly after this one in (timestamp DESC, id DESC) order. */
  after?: { timestamp: Date; id: string };
};

const { string: text, number: num, datetime, array, json } = filterColumn;

/** Columns of the scores `filter` parameter; the trace's columns come from the join. */
export const SCORE_FILTER_COLUMNS: FilterColumns = {
  id: text(Prisma.sql`s."id"`),
  name: text(Prisma.sql`s."name"`),
  value: num(Prisma.sql`s."value"`),
  stringValue: text(Prisma.sql`s."stringValue"`),
  source: text(Prisma.sql`s."source"::text`),
  dataType: text(Prisma.sql`s."dataType"::text`),
  timestamp: datetime(Prisma.sql`s."timestamp"`),
  environment: text(Prisma.sql`s."environment"`),
  traceId: text(Prisma.sql`s."traceId"`),
  observationId: text(Prisma.sql`s."observationId"`),
  sessionId: text(Prisma.sql`s."sessionId"`),
  datasetRunId: text(Prisma.sql`s."datasetRunId"`),
  configId: text(Prisma.sql`s."configId"`),
  queueId: text(Prisma.sql`s."queueId"`),
  authorUserId: text(Prisma.sql`s."authorUserId"`),
  comment: text(Prisma.sql`s."comment"`),
  metadata: json(Prisma.sql`s."metadata"`),
  userId: text(Prisma.sql`t."userId"`),
  traceName: text(Prisma.sql`t."name"`),
  traceTags: array(Prisma.sql`t."tags"`),
};

/** The stored score plus its trace's context (null when the score has no trace). */
export type PublicScoreRow = Omit<ScoreRecord, "metadata" | "authorUserId"> & {
  metadata: unknown;
  authorUserId: string | null;
  createdAt: Date;
  updatedAt: Date;
  traceUserId: string | null;
  traceTags: string[] | null;
  traceEnvironment: string | null;
  traceSessionId: string | null;
};

const OPERATORS = { ">": ">", "<": "<", ">=": ">=", "<=": "<=", "=": "=", "!=": "<>", "<>": "<>" } as const;

function whereScores(projectId: string, f: ScoreFilter): Prisma.Sql {
  return whereAll([
    Prisma.sql`s."projectId" = ${projectId}`,
    anyOfIf(Prisma.sql`s."id"`, f.ids),
    anyOfIf(Prisma.sql`s."traceId"`, f.traceIds),
    eqIf(Prisma.sql`t."userId"`, f.userId),
    eqIf(Prisma.sql`s."name"`, f.name),
    ...timeRange(Prisma.sql`s."timestamp"`, f.fromTimestamp, f.toTimestamp),
    anyOfIf(Prisma.sql`s."environment"`, f.environment),
    f.source ? Prisma.sql`s."source" = ${f.source}::"ScoreSource"` : undefined,
    f.value ? Prisma.sql`s."value" ${Prisma.raw(OPERATORS[f.value.operator])} ${f.value.value}::float8` : undefined,
    eqIf(Prisma.sql`s."configId"`, f.configId),
    eqIf(Prisma.sql`s."sessionId"`, f.sessionId),
    eqIf(Prisma.sql`s."datasetRunId"`, f.datasetRunId),
    eqIf(Prisma.sql`s."traceId"`, f.traceId),
    anyOfIf(Prisma.sql`s."observationId"`, f.observationIds),
    eqIf(Prisma.sql`s."queueId"`, f.queueId),
    f.dataType ? Prisma.sql`s."dataType" = ${f.dataType}::"ScoreDataType"` : undefined,
    f.traceTags && f.traceTags.length > 0 ? Prisma.sql`t."tags" @> ${f.traceTags}::text[]` : undefined,
    f.traceScoresOnly ? Prisma.sql`s."traceId" IS NOT NULL` : undefined,
    ...filterConditions(f.conditions, SCORE_FILTER_COLUMNS),
    anyOfIf(Prisma.sql`s."name"`, f.names),
    anyOfIf(Prisma.sql`s."source"::text`, f.sources),
    anyOfIf(Prisma.sql`s."dataType"::text`, f.dataTypes),
    anyOfIf(Prisma.sql`s."configId"`, f.configIds),
    anyOfIf(Prisma.sql`s."queueId"`, f.queueIds),
    anyOfIf(Prisma.sql`s."authorUserId"`, f.authorUserIds),
    anyOfIf(Prisma.sql`s."sessionId"`, f.sessionIds),
    anyOfIf(Prisma.sql`s."datasetRunId"`, f.datasetRunIds),
    f.values ? Prisma.sql`s."value" = ANY(${f.values}::float8[])` : undefined,
    anyOfIf(Prisma.sql`s."stringValue"`, f.stringValues),
    f.valueMin !== undefined ? Prisma.sql`s."value" >= ${f.valueMin}::float8` : undefined,
    f.valueMax !== undefined ? Prisma.sql`s."value" <= ${f.valueMax}::float8` : undefined,
    f.after ? Prisma.sql`(s."timestamp", s."id") < (${f.after.timestamp}, ${f.after.id})` : undefined,
  ]);
}

const FROM = Prisma.sql`FROM "Score" s LEFT JOIN "Trace" t ON t."projectId" = s."projectId" AND t."id" = s."traceId"`;

export async function findScores(input: {
  projectId: string;
  filter: ScoreFilter;
  limit: number;
  offset: number;
}): Promise<PublicScoreRow[]> {
  return prisma.$queryRaw<PublicScoreRow[]>`
    SELECT s."id", s."name", s."value", s."stringValue", s."dataType"::text AS "dataType", s."source"::text AS "source",
      s."traceId", s."observationId", s."sessionId", s."datasetRunId", s."comment", s."metadata", s."authorUserId",
      s."configId", s."queueId", s."environment", s."timestamp", s."createdAt", s."updatedAt",
      t."userId" AS "traceUserId", t."tags" AS "traceTags", t."environment" AS "traceEnvironment",
      t."sessionId" AS "traceSessionId"
    ${FROM}
    WHERE ${whereScores(input.projectId, input.filter)}
    ORDER BY s."timestamp" DESC, s."id" DESC
    LIMIT ${input.limit} OFFSET ${input.offset}`;
}

export async function countScores(projectId: string, filter: ScoreFilter): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count ${FROM} WHERE ${whereScores(projectId, filter)}`;
  return row?.count ?? 0;
}

export async function deleteScore(projectId: string, id: string): Promise<boolean> {
  const { count } = await prisma.score.deleteMany({ where: { projectId, id } });
  return count > 0;
}

/** The traces table's Scores column, per trace (the contract's aggregate plus the trace it belongs to). */
export type TraceScoreAggregateRow = TTraceScoreAggregate & { traceId: string };

/**
 * Scores of a page of traces, one row per trace, name and data type: the average value and the most
 * common label (categorical and boolean scores). Only for the ids of a page, never a whole list.
 */
export async function listTraceScoreAggregates(projectId: string, traceIds: string[]) {
  if (traceIds.length === 0) return [];
  return prisma.$queryRaw<TraceScoreAggregateRow[]>`
    SELECT s."traceId", s."name", s."dataType"::text AS "dataType", count(*)::int AS "count",
      avg(s."value")::float8 AS "average",
      mode() WITHIN GROUP (ORDER BY s."stringValue") AS "mostCommon"
    FROM "Score" s
    WHERE s."projectId" = ${projectId} AND s."traceId" = ANY(${traceIds}::text[])
    GROUP BY s."traceId", s."name", s."dataType"
    ORDER BY s."name", s."dataType"`;
}

/** Every score of one trace (its own and its observations'), oldest first: the trace page. */
export async function listTraceScores(projectId: string, traceId: string) {
  return prisma.score.findMany({ where: { projectId, traceId }, orderBy: { timestamp: "asc" } });
}

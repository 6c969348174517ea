import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { TFilterCondition } from "@loupe/contracts";
import { type FilterColumns, filterColumn, filterConditions } from "./filter-sql.ts";
import { entityLockKey, lockEntities } from "./locks.ts";
import { anyOfIf, eqIf, timeRange, whereAll } from "./sql.ts";

// Trace reads and deletes of the public API. The UI's list lives in trace-reads.ts.

export type TraceFilter = {
  ids?: string[];
  userId?: string;
  name?: string;
  sessionId?: string;
  fromTimestamp?: string;
  toTimestamp?: string;
  tags?: string[];
  version?: string;
  release?: string;
  environment?: string[];
  /** The JSON `filter` parameter's conditions. */
  conditions?: TFilterCondition[];
};

const { string: text, number: num, datetime, boolean: bool, array, json } = filterColumn;
/** A per-trace aggregate over its observations, as a correlated subquery (only evaluated when filtered on). */
const perTrace = (agg: Prisma.Sql) =>
  Prisma.sql`(SELECT ${agg} FROM "Observation" o2 WHERE o2."projectId" = t."projectId" AND o2."traceId" = t."id")`;
const levelCount = (level: string) => num(perTrace(Prisma.sql`count(*) FILTER (WHERE o2."level" = ${level})`));

const traceScores = (kind: "scoreAverage" | "scoreCategory" | "scoreBoolean") =>
  filterColumn.scores(kind, Prisma.sql`t."id"`, Prisma.sql`t."projectId"`);

/** Columns of the traces `filter` parameter (the SDK's documented list). */
export const TRACE_FILTER_COLUMNS: FilterColumns = {
  id: text(Prisma.sql`t."id"`),
  name: text(Prisma.sql`t."name"`),
  timestamp: datetime(Prisma.sql`t."timestamp"`),
  userId: text(Prisma.sql`t."userId"`),
  sessionId: text(Prisma.sql`t."sessionId"`),
  environment: text(Prisma.sql`t."environment"`),
  version: text(Prisma.sql`t."version"`),
  release: text(Prisma.sql`t."release"`),
  tags: array(Prisma.sql`t."tags"`),
  bookmarked: bool(Prisma.sql`t."bookmarked"`),
  public: bool(Prisma.sql`t."public"`),
  metadata: json(Prisma.sql`t."metadata"`),
  // The worker's rollup on the trace row (see refreshTraceRollups); latency in seconds as Langfuse has it.
  latency: num(Prisma.sql`(t."latencyMs" / 1000.0)`),
  inputTokens: num(Prisma.sql`t."inputTokens"`),
  outputTokens: num(Prisma.sql`t."outputTokens"`),
  totalTokens: num(Prisma.sql`t."totalTokens"`),
  tokens: num(Prisma.sql`t."totalTokens"`),
  inputCost: num(perTrace(Prisma.sql`sum((o2."costDetails"->>'input')::float8)`)),
  outputCost: num(perTrace(Prisma.sql`sum((o2."costDetails"->>'output')::float8)`)),
  totalCost: num(Prisma.sql`t."totalCost"::float8`),
  // A trace without observations has no level (the rollup's default would say DEFAULT).
  level: text(Prisma.sql`(CASE WHEN t."observationCount" > 0 THEN t."level" END)`),
  errorCount: levelCount("ERROR"),
  warningCount: levelCount("WARNING"),
  defaultCount: levelCount("DEFAULT"),
  debugCount: levelCount("DEBUG"),
  // The trace's scores of one name (the condition's key): Langfuse's score columns.
  scores_avg: traceScores("scoreAverage"),
  scores: traceScores("scoreAverage"),
  score_categories: traceScores("scoreCategory"),
  score_booleans: traceScores("scoreBoolean"),
};

export const TRACE_SORT_COLUMNS = {
  id: "id",
  timestamp: "timestamp",
  name: "name",
  userId: "userId",
  release: "release",
  version: "version",
  public: "public",
  bookmarked: "bookmarked",
  sessionId: "sessionId",
} as const;

export type PublicTraceRow = {
  id: string;
  name: string | null;
  timestamp: Date;
  userId: string | null;
  sessionId: string | null;
  input?: unknown;
  output?: unknown;
  metadata?: unknown;
  tags: string[];
  release: string | null;
  version: string | null;
  environment: string;
  public: boolean;
  bookmarked: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** Seconds from the first observation start to the last observation end (null: no observations). */
  latency?: number | null;
  totalCost?: number | null;
  observationIds?: string[] | null;
  scoreIds?: string[] | null;
};

export function whereTraces(projectId: string, f: TraceFilter): Prisma.Sql {
  return whereAll([
    Prisma.sql`t."projectId" = ${projectId}`,
    anyOfIf(Prisma.sql`t."id"`, f.ids),
    eqIf(Prisma.sql`t."userId"`, f.userId),
    eqIf(Prisma.sql`t."name"`, f.name),
    eqIf(Prisma.sql`t."sessionId"`, f.sessionId),
    ...timeRange(Prisma.sql`t."timestamp"`, f.fromTimestamp, f.toTimestamp),
    f.tags && f.tags.length > 0 ? Prisma.sql`t."tags" @> ${f.tags}::text[]` : undefined,
    eqIf(Prisma.sql`t."version"`, f.version),
    eqIf(Prisma.sql`t."release"`, f.release),
    anyOfIf(Prisma.sql`t."environment"`, f.environment),
    ...filterConditions(f.conditions, TRACE_FILTER_COLUMNS),
  ]);
}

/** Traces matching `filter`; the optional parts (payload, metrics, child ids) are only computed when asked for. */
export async function findTraces(input: {
  projectId: string;
  filter: TraceFilter;
  limit: number;
  offset: number;
  orderBy?: { field: keyof typeof TRACE_SORT_COLUMNS; direction: "asc" | "desc" };
  include: { io: boolean; metrics: boolean; observations: boolean; scores: boolean };
}): Promise<PublicTraceRow[]> {
  const { include } = input;
  const column = Prisma.raw(`t."${TRACE_SORT_COLUMNS[input.orderBy?.field ?? "timestamp"]}"`);
  const direction = Prisma.raw(input.orderBy?.direction === "asc" ? "ASC" : "DESC");
  return prisma.$queryRaw<PublicTraceRow[]>`
    SELECT t."id", t."name", t."timestamp", t."userId", t."sessionId", t."tags", t."release", t."version",
      t."environment", t."public", t."bookmarked", t."createdAt", t."updatedAt"
      ${include.io ? Prisma.sql`, t."input", t."output", t."metadata"` : Prisma.empty}
      ${include.metrics ? Prisma.sql`, (t."latencyMs" / 1000.0)::float8 AS "latency", t."totalCost"::float8 AS "totalCost"` : Prisma.empty}
      ${include.observations ? Prisma.sql`, obs.ids AS "observationIds"` : Prisma.empty}
      ${include.scores ? Prisma.sql`, sc.ids AS "scoreIds"` : Prisma.empty}
    FROM "Trace" t
    ${
      include.observations
        ? Prisma.sql`LEFT JOIN LATERAL (
        SELECT array_agg(o."id" ORDER BY o."startTime", o."id") AS ids
        FROM "Observation" o WHERE o."projectId" = t."projectId" AND o."traceId" = t."id") obs ON true`
        : Prisma.empty
    }
    ${
      include.scores
        ? Prisma.sql`LEFT JOIN LATERAL (
        SELECT array_agg(s."id" ORDER BY s."timestamp", s."id") AS ids
        FROM "Score" s WHERE s."projectId" = t."projectId" AND s."traceId" = t."id") sc ON true`
        : Prisma.empty
    }
    WHERE ${whereTraces(input.projectId, input.filter)}
    ORDER BY ${column} ${direction} NULLS LAST, t."id" ${direction}
    LIMIT ${input.limit} OFFSET ${input.offset}`;
}

export async function countTraces(projectId: string, filter: TraceFilter): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM "Trace" t WHERE ${whereTraces(projectId, filter)}`;
  return row?.count ?? 0;
}

/** Deletes traces with their observations and scores (trace-level and observation-level) in one transaction. */
export async function deleteTracesCascade(projectId: string, traceIds: string[]): Promise<number> {
  return prisma.$transaction(async (tx) => {
    // The merge's entity locks first (a delete racing a merge of the same trace waits for it), then the
    // trace rows, in the order the merge writes them (trace → observations → scores): no deadlock.
    await lockEntities(
      tx,
      traceIds.map((id) => entityLockKey(projectId, "trace", id)),
    );
    await tx.$queryRaw`SELECT 1 FROM "Trace" WHERE "projectId" = ${projectId} AND "id" = ANY(${traceIds}::text[])
      ORDER BY "id" FOR UPDATE`;
    await tx.score.deleteMany({ where: { projectId, traceId: { in: traceIds } } });
    await tx.observation.deleteMany({ where: { projectId, traceId: { in: traceIds } } });
    const traces = await tx.trace.deleteMany({ where: { projectId, id: { in: traceIds } } });
    return traces.count;
  });
}

import { OBSERVATION_LEVELS } from "@loupe/contracts";
import { type JsonObject, MAX_STORED_COST, MAX_STORED_COUNT, type TraceRecord, readMergeState, withPackedMergeState } from "@loupe/domain";
import { prisma, type Tx } from "../client.ts";
import { Prisma, type Trace } from "../generated/prisma/client.ts";
import { entityLockKey, lockEntities } from "./locks.ts";

export async function findTraceRecords(tx: Tx, projectId: string, ids: string[]): Promise<Map<string, TraceRecord>> {
  if (ids.length === 0) return new Map();
  // Primary-key lookups whatever the statistics say (see findObservationRecords).
  const rows = await tx.$queryRaw<Trace[]>`
    SELECT t.* FROM unnest(${ids}::text[]) AS k("id")
    CROSS JOIN LATERAL (SELECT * FROM "Trace" x WHERE x."projectId" = ${projectId} AND x."id" = k."id" LIMIT 1) t`;
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        timestamp: r.timestamp,
        name: r.name,
        userId: r.userId,
        sessionId: r.sessionId,
        input: r.input,
        output: r.output,
        metadata: (r.metadata ?? {}) as JsonObject,
        tags: r.tags,
        release: r.release,
        version: r.version,
        environment: r.environment,
        public: r.public,
        mergeState: readMergeState(r.mergeState),
      },
    ]),
  );
}

/**
 * Writes fully merged records (the merge happened in @loupe/domain under an entity lock), as one
 * JSON parameter expanded by json_to_recordset (see upsertObservationRecords).
 */
export async function upsertTraceRecords(tx: Tx, projectId: string, records: TraceRecord[]): Promise<void> {
  if (records.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "Trace" ("projectId", "id", "name", "timestamp", "userId", "sessionId", "input", "output",
      "metadata", "tags", "release", "version", "environment", "public", "mergeState", "createdAt", "updatedAt")
    SELECT ${projectId}, r."id", r."name", r."timestamp", r."userId", r."sessionId", r."input", r."output",
      coalesce(r."metadata", '{}'), coalesce(r."tags", '{}'), r."release", r."version", r."environment", r."public",
      coalesce(r."mergeState", '{}'), now(), now()
    FROM json_to_recordset(${JSON.stringify(records.map(withPackedMergeState))}::json) AS r("id" text, "name" text, "timestamp" timestamp(3),
      "userId" text, "sessionId" text, "input" json, "output" json, "metadata" jsonb, "tags" text[],
      "release" text, "version" text, "environment" text, "public" boolean, "mergeState" jsonb)
    ON CONFLICT ("projectId", "id") DO UPDATE SET
      "timestamp" = EXCLUDED."timestamp", "environment" = EXCLUDED."environment", "mergeState" = EXCLUDED."mergeState",
      "name" = EXCLUDED."name", "userId" = EXCLUDED."userId", "sessionId" = EXCLUDED."sessionId",
      "input" = EXCLUDED."input", "output" = EXCLUDED."output", "metadata" = EXCLUDED."metadata",
      "tags" = EXCLUDED."tags", "release" = EXCLUDED."release", "version" = EXCLUDED."version",
      "public" = EXCLUDED."public", "updatedAt" = now()`;
  const sessions = new Map<string, string>();
  for (const r of records) if (r.sessionId) sessions.set(r.sessionId, r.environment);
  if (sessions.size > 0) {
    const sessionValues = [...sessions].map(([id, environment]) => Prisma.sql`(${projectId}, ${id}, ${environment}, now(), now())`);
    await tx.$executeRaw`
      INSERT INTO "TraceSession" ("projectId", "id", "environment", "createdAt", "updatedAt")
      VALUES ${Prisma.join(sessionValues)} ON CONFLICT ("projectId", "id") DO NOTHING`;
  }
}

/**
 * `expr` clamped to ±max, NULL kept (LEAST/GREATEST alone would turn NULL into a bound). The rollup's
 * sums saturate at their columns' range (int4, Decimal(20,12)): an overflow (22003) would fail the merge.
 */
const saturated = (expr: Prisma.Sql, max: number) =>
  Prisma.sql`(CASE WHEN ${expr} IS NULL THEN NULL ELSE LEAST(GREATEST(${expr}, ${Prisma.raw(String(-max))}), ${Prisma.raw(String(max))}) END)`;

/**
 * Recomputes the observation rollup of `traceIds` (count, latency, cost, tokens, highest level) from
 * their stored observations. Runs in the merge transaction after the observations are written, while
 * the merge holds the traces' entity locks, so concurrent batches of one trace cannot leave a rollup
 * that misses the other's observations. Traces not stored yet are skipped: their own trace-create merge
 * refreshes them.
 */
export async function refreshTraceRollups(tx: Tx, projectId: string, traceIds: string[]): Promise<void> {
  if (traceIds.length === 0) return;
  // The highest level by its position in OBSERVATION_LEVELS (rising severity).
  const levels = Prisma.sql`${[...OBSERVATION_LEVELS]}::text[]`;
  await tx.$executeRaw`
    UPDATE "Trace" t SET
      "observationCount" = a.observation_count, "latencyMs" = a.latency_ms, "totalCost" = a.total_cost,
      "inputTokens" = a.input_tokens, "outputTokens" = a.output_tokens, "totalTokens" = a.total_tokens, "level" = a.level
    FROM (
      SELECT ids.id AS trace_id, count(o."id")::int AS observation_count,
        (EXTRACT(EPOCH FROM (max(COALESCE(o."endTime", o."startTime")) - min(o."startTime"))) * 1000)::float8 AS latency_ms,
        ${saturated(Prisma.sql`sum(o."totalCost")`, MAX_STORED_COST)} AS total_cost,
        ${saturated(Prisma.sql`sum(o."inputTokens")`, MAX_STORED_COUNT)}::int AS input_tokens,
        ${saturated(Prisma.sql`sum(o."outputTokens")`, MAX_STORED_COUNT)}::int AS output_tokens,
        ${saturated(Prisma.sql`sum(o."totalTokens")`, MAX_STORED_COUNT)}::int AS total_tokens,
        COALESCE((${levels})[max(array_position(${levels}, o."level"))], 'DEFAULT') AS level
      FROM unnest(${traceIds}::text[]) AS ids(id)
      LEFT JOIN "Observation" o ON o."projectId" = ${projectId} AND o."traceId" = ids.id
      GROUP BY ids.id
    ) a
    WHERE t."projectId" = ${projectId} AND t."id" = a.trace_id`;
}

/**
 * Sets Trace.public (and, when given, whether the shared page hides its user and session); null when
 * the trace is not in this project, else the stored hide flag.
 */
export async function setTracePublicFlag(
  projectId: string,
  traceId: string,
  isPublic: boolean,
  hideIdentity?: boolean,
): Promise<{ shareHidesIdentity: boolean } | null> {
  const rows = await prisma.trace.updateManyAndReturn({
    where: { projectId, id: traceId },
    data: { public: isPublic, ...(hideIdentity === undefined ? {} : { shareHidesIdentity: hideIdentity }) },
    select: { shareHidesIdentity: true },
  });
  return rows[0] ?? null;
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

/**
 * Adds tags to traces of the project (kept in order, none twice, at most 50 a trace), as the trace
 * view's tag edit does: tags an SDK sends later replace them. Traces that have every tag already are
 * not written. Returns how many traces changed.
 */
export async function addTagsToTraces(projectId: string, traceIds: string[], tags: string[]): Promise<number> {
  if (traceIds.length === 0 || tags.length === 0) return 0;
  return prisma.$executeRaw`
    UPDATE "Trace" t SET "tags" = (t."tags" || ARRAY(SELECT x FROM unnest(${tags}::text[]) AS x WHERE x <> ALL (t."tags")))[1:50],
      "updatedAt" = now()
    WHERE t."projectId" = ${projectId} AND t."id" = ANY(${traceIds}::text[]) AND t."deletionRequestedAt" IS NULL
      AND NOT (t."tags" @> ${tags}::text[])`;
}

/** Marks traces for deletion: every read skips them from now on (whereTraces). Returns how many were marked. */
export async function markTracesForDeletion(projectId: string, traceIds: string[]): Promise<number> {
  if (traceIds.length === 0) return 0;
  return prisma.$executeRaw`
    UPDATE "Trace" SET "deletionRequestedAt" = now()
    WHERE "projectId" = ${projectId} AND "id" = ANY(${traceIds}::text[]) AND "deletionRequestedAt" IS NULL`;
}

/** The next traces marked for deletion (partial index on projectId WHERE deletionRequestedAt IS NOT NULL). */
export async function tracesMarkedForDeletion(projectId: string, limit: number): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Trace" WHERE "projectId" = ${projectId} AND "deletionRequestedAt" IS NOT NULL ORDER BY "id" LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

/** Projects with traces marked for deletion before `before` (the worker's sweep re-enqueues their job). */
export async function projectsWithTracesMarkedBefore(before: Date, limit: number): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ projectId: string }[]>`
    SELECT DISTINCT "projectId" FROM "Trace" WHERE "deletionRequestedAt" < ${before} LIMIT ${limit}`;
  return rows.map((r) => r.projectId);
}

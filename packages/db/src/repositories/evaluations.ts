import { EVALUATION_ENVIRONMENT, type ExecutionStatus, type TObservationListQuery, type TTraceListQuery } from "@loupe/contracts";
import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { uniqueOrDuplicate } from "./models.ts";
import { whereObservations } from "./observation-reads.ts";
import { whereTraces } from "./trace-reads.ts";

const sql = Prisma.sql;

// Evaluators (versioned), rules and the execution log of LLM-as-a-judge. Every function takes the
// project first; rule targets are matched with the traces/observations tables' own WHERE.

export type EvaluatorRow = Prisma.EvaluatorTemplateGetPayload<object>;
export type EvaluationRuleRow = Prisma.EvaluationRuleGetPayload<object>;
export type EvaluationExecutionRow = Prisma.EvaluationExecutionGetPayload<object>;

export type EvaluatorWrite = Pick<EvaluatorRow, "name" | "prompt" | "connectionId" | "model" | "libraryKey"> & {
  outputDefinition: Prisma.InputJsonValue;
};

/**
 * Adds the next version of the evaluator named `name` (version 1 of a new family). Under an advisory
 * lock on the name, so two saves at once get versions n+1 and n+2, never the same number.
 */
export async function insertEvaluatorVersion(projectId: string, data: EvaluatorWrite): Promise<EvaluatorRow> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`evaluator:${projectId}:${data.name}`}, 0))`;
    const latest = await tx.evaluatorTemplate.findFirst({ where: { projectId, name: data.name }, orderBy: { version: "desc" } });
    const id = crypto.randomUUID().replace(/-/g, "").slice(0, 25);
    return tx.evaluatorTemplate.create({
      data: { id, projectId, evaluatorId: latest?.evaluatorId ?? id, version: (latest?.version ?? 0) + 1, ...data },
    });
  });
}

/** The latest version of each evaluator family, with how many rules use it. */
export async function listLatestEvaluators(projectId: string): Promise<(EvaluatorRow & { ruleCount: number })[]> {
  return prisma.$queryRaw`
    SELECT e.*, (SELECT count(*)::int FROM "EvaluationRule" r WHERE r."projectId" = e."projectId" AND r."evaluatorId" = e."evaluatorId") AS "ruleCount"
    FROM (SELECT DISTINCT ON ("evaluatorId") * FROM "EvaluatorTemplate" WHERE "projectId" = ${projectId}
          ORDER BY "evaluatorId", "version" DESC) e
    ORDER BY e."name"`;
}

export async function findLatestEvaluator(projectId: string, evaluatorId: string): Promise<EvaluatorRow | null> {
  return prisma.evaluatorTemplate.findFirst({ where: { projectId, evaluatorId }, orderBy: { version: "desc" } });
}

export async function findLatestEvaluatorByName(projectId: string, name: string): Promise<EvaluatorRow | null> {
  return prisma.evaluatorTemplate.findFirst({ where: { projectId, name }, orderBy: { version: "desc" } });
}

export async function countEvaluatorRules(projectId: string, evaluatorId: string): Promise<number> {
  return prisma.evaluationRule.count({ where: { projectId, evaluatorId } });
}

/** Deletes every version and the rules that use them; scores already written stay. */
export async function deleteEvaluatorFamily(projectId: string, evaluatorId: string): Promise<boolean> {
  const [, deleted] = await prisma.$transaction([
    prisma.evaluationRule.deleteMany({ where: { projectId, evaluatorId } }),
    prisma.evaluatorTemplate.deleteMany({ where: { projectId, evaluatorId } }),
  ]);
  return deleted.count > 0;
}

export type RuleWrite = Omit<EvaluationRuleRow, "id" | "projectId" | "createdAt" | "updatedAt" | "filter" | "mapping"> & {
  filter: Prisma.InputJsonValue;
  mapping: Prisma.InputJsonValue;
};

export async function insertRule(projectId: string, data: RuleWrite): Promise<EvaluationRuleRow | "duplicate"> {
  return uniqueOrDuplicate(() => prisma.evaluationRule.create({ data: { projectId, ...data } }));
}

export async function updateRule(projectId: string, id: string, data: Partial<RuleWrite>): Promise<EvaluationRuleRow | null | "duplicate"> {
  return uniqueOrDuplicate(async () => {
    const { count } = await prisma.evaluationRule.updateMany({ where: { projectId, id }, data });
    return count === 0 ? null : prisma.evaluationRule.findUnique({ where: { id } });
  });
}

export async function findRule(projectId: string, id: string): Promise<EvaluationRuleRow | null> {
  return prisma.evaluationRule.findFirst({ where: { projectId, id } });
}

export async function listRules(projectId: string, page?: { skip: number; take: number }) {
  const [rows, total] = await Promise.all([
    prisma.evaluationRule.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, ...page }),
    prisma.evaluationRule.count({ where: { projectId } }),
  ]);
  return { rows, total };
}

export async function deleteRule(projectId: string, id: string): Promise<boolean> {
  const { count } = await prisma.evaluationRule.deleteMany({ where: { projectId, id } });
  return count > 0;
}

/** Rules that score new data now: enabled, not paused by an error, running on new data. */
export async function listLiveRules(projectId: string): Promise<EvaluationRuleRow[]> {
  return prisma.evaluationRule.findMany({ where: { projectId, enabled: true, pausedReason: null, runOnNew: true } });
}

export async function pauseRule(projectId: string, id: string, reason: string, message: string): Promise<void> {
  await prisma.evaluationRule.updateMany({ where: { projectId, id }, data: { pausedReason: reason, pausedMessage: message } });
}

/** Every rule of the evaluator family (a deleted connection pauses them all at once). */
export async function pauseEvaluatorRules(projectId: string, evaluatorId: string, reason: string, message: string): Promise<void> {
  await prisma.evaluationRule.updateMany({
    where: { projectId, evaluatorId, pausedReason: null },
    data: { pausedReason: reason, pausedMessage: message },
  });
}

/** Execution counts per rule and status. */
export async function countExecutionsByRule(projectId: string, ruleIds: string[]) {
  if (ruleIds.length === 0) return [];
  return prisma.evaluationExecution.groupBy({
    by: ["ruleId", "status"],
    where: { projectId, ruleId: { in: ruleIds } },
    _count: { _all: true },
  });
}

const notJudgeTraces = sql`t."environment" <> ${EVALUATION_ENVIRONMENT}`;

type TraceRuleFilter = Partial<Omit<TTraceListQuery, "page" | "limit" | "sort" | "order">>;
type ObservationRuleFilter = Partial<Omit<TObservationListQuery, "page" | "limit" | "sort" | "order">>;
/** Only new data (ids) or a backfill window, at most `limit` targets. */
type Scope = { ids?: string[]; from?: Date; to?: Date; limit: number };

/** Traces matching a rule's filter among these ids or in a window; never the judge's own traces. */
export async function matchRuleTraces(
  projectId: string,
  filter: TraceRuleFilter,
  scope: Scope,
): Promise<{ id: string; traceId: string }[]> {
  const where = whereTraces(projectId, {
    ...filter,
    environment: filter.environment ? [filter.environment] : undefined,
    ids: scope.ids,
    fromTimestamp: scope.from?.toISOString(),
    toTimestamp: scope.to?.toISOString(),
  });
  return prisma.$queryRaw`SELECT t."id", t."id" AS "traceId" FROM "Trace" t WHERE ${where} AND ${notJudgeTraces}
    ORDER BY t."timestamp" DESC LIMIT ${scope.limit}`;
}

/** Observations matching a rule's filter (type, name, the table's other keys) among these ids or in a window. */
export async function matchRuleObservations(
  projectId: string,
  filter: ObservationRuleFilter,
  scope: Scope,
): Promise<{ id: string; traceId: string }[]> {
  const where = whereObservations(projectId, {
    ...filter,
    type: filter.type === "ALL" ? undefined : filter.type,
    environment: filter.environment ? [filter.environment] : undefined,
    ids: scope.ids,
    fromStartTime: scope.from?.toISOString(),
    toStartTime: scope.to?.toISOString(),
  });
  return prisma.$queryRaw`SELECT o."id", o."traceId" FROM "Observation" o WHERE ${where} AND o."environment" <> ${EVALUATION_ENVIRONMENT}
    ORDER BY o."startTime" DESC LIMIT ${scope.limit}`;
}

/** The fields a variable mapping reads. */
export async function findTraceFields(projectId: string, traceId: string) {
  return prisma.trace.findUnique({
    where: { projectId_id: { projectId, id: traceId } },
    select: { id: true, input: true, output: true, metadata: true, environment: true },
  });
}

/** An observation's fields by id, or the newest observation of that name in the trace. */
export async function findObservationFields(projectId: string, by: { id: string } | { traceId: string; name: string }) {
  return prisma.observation.findFirst({
    where: { projectId, ...("id" in by ? { id: by.id } : { traceId: by.traceId, name: by.name }) },
    orderBy: { startTime: "desc" },
    select: { id: true, traceId: true, input: true, output: true, metadata: true },
  });
}

/**
 * Log rows for targets not yet evaluated by the rule; the (project, rule, target) key makes a second
 * sighting a no-op. Returns the rows this call created (only those get a job).
 */
export async function insertPendingExecutions(
  projectId: string,
  ruleId: string,
  targetType: string,
  targets: { id: string; traceId: string }[],
): Promise<{ id: string; targetId: string }[]> {
  if (targets.length === 0) return [];
  const values = targets.map(
    (t) => sql`(${crypto.randomUUID()}, ${projectId}, ${ruleId}, ${targetType}, ${t.id}, ${t.traceId}, 'PENDING', now(), now())`,
  );
  return prisma.$queryRaw`
    INSERT INTO "EvaluationExecution" ("id", "projectId", "ruleId", "targetType", "targetId", "traceId", "status", "createdAt", "updatedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("projectId", "ruleId", "targetType", "targetId") DO NOTHING
    RETURNING "id", "targetId"`;
}

export async function findExecution(projectId: string, id: string): Promise<EvaluationExecutionRow | null> {
  return prisma.evaluationExecution.findFirst({ where: { projectId, id } });
}

export type ExecutionPatch = Partial<
  Pick<
    EvaluationExecutionRow,
    "status" | "evaluatorVersionId" | "scoreId" | "judgeTraceId" | "value" | "stringValue" | "reasoning" | "error" | "finishedAt"
  >
> & { incrementAttempts?: boolean };

export async function updateExecution(projectId: string, id: string, patch: ExecutionPatch): Promise<void> {
  const { incrementAttempts, ...data } = patch;
  await prisma.evaluationExecution.updateMany({
    where: { projectId, id },
    data: { ...data, ...(incrementAttempts ? { attempts: { increment: 1 } } : {}) },
  });
}

export async function listExecutions(projectId: string, ruleId: string, query: { status?: ExecutionStatus; skip: number; take: number }) {
  const where = { projectId, ruleId, ...(query.status ? { status: query.status } : {}) };
  const [rows, total] = await Promise.all([
    prisma.evaluationExecution.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip: query.skip, take: query.take }),
    prisma.evaluationExecution.count({ where }),
  ]);
  return { rows, total };
}

/** A rule's finished scores per UTC day over the last `days` days (the rule's score chart). */
export async function dailyRuleScores(projectId: string, ruleId: string, days = 30) {
  return prisma.$queryRaw<{ day: string; count: number; average: number | null }[]>`
    SELECT to_char(date_trunc('day', "finishedAt"), 'YYYY-MM-DD') AS "day", count(*)::int AS "count", avg("value")::float8 AS "average"
    FROM "EvaluationExecution"
    WHERE "projectId" = ${projectId} AND "ruleId" = ${ruleId} AND "status" = 'DONE' AND "finishedAt" > now() - make_interval(days => ${days})
    GROUP BY 1 ORDER BY 1`;
}

/** One evaluator version by its id (experiments pin the version they started with). */
export async function findEvaluatorVersion(projectId: string, id: string): Promise<EvaluatorRow | null> {
  return prisma.evaluatorTemplate.findFirst({ where: { projectId, id } });
}

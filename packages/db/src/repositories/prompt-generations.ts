import { prisma } from "../client.ts";

// Generations linked to a prompt by the SDKs' promptName/promptVersion. Every query starts with the
// project and the name and is bounded by a start-time window, so it walks
// Observation (projectId, promptName, promptVersion, startTime DESC).

export type PromptVersionMetricsRow = {
  version: number;
  count: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  totalCost: number | null;
  inputTokens: number;
  outputTokens: number;
};

export async function promptVersionMetrics(projectId: string, name: string, since: Date): Promise<PromptVersionMetricsRow[]> {
  const rows = await prisma.$queryRaw<PromptVersionMetricsRow[]>`
    SELECT o."promptVersion" AS version, count(*)::int AS count,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM o."endTime" - o."startTime") * 1000)::float8 AS "latencyP50Ms",
      percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM o."endTime" - o."startTime") * 1000)::float8 AS "latencyP95Ms",
      sum(o."totalCost")::float8 AS "totalCost",
      coalesce(sum(o."inputTokens"), 0)::int AS "inputTokens", coalesce(sum(o."outputTokens"), 0)::int AS "outputTokens"
    FROM "Observation" o
    WHERE o."projectId" = ${projectId} AND o."promptName" = ${name} AND o."promptVersion" IS NOT NULL AND o."startTime" >= ${since}
    GROUP BY o."promptVersion"`;
  return rows;
}

export type PromptVersionScoreRow = { version: number; name: string; average: number; count: number };

/**
 * Average numeric and boolean scores per version: scores on the generation itself and trace-level
 * scores of its trace (how apps usually score a prompt's answer). Categorical scores have no average.
 */
export async function promptVersionScores(projectId: string, name: string, since: Date): Promise<PromptVersionScoreRow[]> {
  return prisma.$queryRaw<PromptVersionScoreRow[]>`
    SELECT o."promptVersion" AS version, s."name", avg(s."value")::float8 AS average, count(*)::int AS count
    FROM "Observation" o
    JOIN "Score" s ON s."projectId" = o."projectId" AND s."traceId" = o."traceId"
      AND (s."observationId" = o."id" OR s."observationId" IS NULL)
    WHERE o."projectId" = ${projectId} AND o."promptName" = ${name} AND o."promptVersion" IS NOT NULL AND o."startTime" >= ${since}
      AND s."value" IS NOT NULL AND s."dataType" IN ('NUMERIC', 'BOOLEAN')
    GROUP BY o."promptVersion", s."name"
    ORDER BY s."name"`;
}

export type PromptGenerationRow = {
  id: string;
  traceId: string;
  name: string | null;
  startTime: Date;
  latencyMs: number | null;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  totalCost: number | null;
  level: string;
};

/** The newest generations of one version, newest first. */
export async function listPromptVersionGenerations(
  projectId: string,
  name: string,
  version: number,
  limit: number,
): Promise<PromptGenerationRow[]> {
  return prisma.$queryRaw<PromptGenerationRow[]>`
    SELECT o."id", o."traceId", o."name", o."startTime", o."model", o."inputTokens", o."outputTokens", o."level",
      (extract(epoch FROM o."endTime" - o."startTime") * 1000)::float8 AS "latencyMs", o."totalCost"::float8 AS "totalCost"
    FROM "Observation" o
    WHERE o."projectId" = ${projectId} AND o."promptName" = ${name} AND o."promptVersion" = ${version}
    ORDER BY o."startTime" DESC
    LIMIT ${limit}`;
}

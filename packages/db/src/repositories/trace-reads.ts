import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";

// Read queries behind the trace list and trace page. List queries never select input/output.

export type TraceListRow = {
  id: string;
  name: string | null;
  timestamp: Date;
  userId: string | null;
  sessionId: string | null;
  tags: string[];
  environment: string;
  release: string | null;
  version: string | null;
  observationCount: number;
  latencyMs: number | null;
  totalCost: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  level: string;
};

export type TraceListFilter = {
  projectId: string;
  limit: number;
  offset: number;
  /** Only the traces of one user or one session (the user and session pages). */
  userId?: string;
  sessionId?: string;
  /** Newest first by default; a session replays oldest first. */
  order?: "asc" | "desc";
};

export async function listTraces(input: TraceListFilter) {
  const where = { projectId: input.projectId, userId: input.userId, sessionId: input.sessionId };
  const filters = Prisma.sql`${input.userId !== undefined ? Prisma.sql`AND t."userId" = ${input.userId}` : Prisma.empty}
        ${input.sessionId !== undefined ? Prisma.sql`AND t."sessionId" = ${input.sessionId}` : Prisma.empty}`;
  const direction = Prisma.raw(input.order === "asc" ? "ASC" : "DESC");
  const [rows, total] = await Promise.all([
    prisma.$queryRaw<TraceListRow[]>`
      SELECT t."id", t."name", t."timestamp", t."userId", t."sessionId", t."tags", t."environment", t."release",
        t."version",
        COALESCE(agg.observation_count, 0)::int AS "observationCount",
        agg.latency_ms::float8 AS "latencyMs",
        agg.total_cost::float8 AS "totalCost",
        agg.input_tokens::int AS "inputTokens",
        agg.output_tokens::int AS "outputTokens",
        agg.total_tokens::int AS "totalTokens",
        COALESCE(agg.level, 'DEFAULT') AS "level"
      FROM "Trace" t
      LEFT JOIN LATERAL (
        SELECT count(*) AS observation_count,
          EXTRACT(EPOCH FROM (max(COALESCE(o."endTime", o."startTime")) - min(o."startTime"))) * 1000 AS latency_ms,
          sum(o."totalCost") AS total_cost,
          sum(o."inputTokens") AS input_tokens,
          sum(o."outputTokens") AS output_tokens,
          sum(o."totalTokens") AS total_tokens,
          (ARRAY['DEBUG','DEFAULT','WARNING','ERROR'])[max(array_position(ARRAY['DEBUG','DEFAULT','WARNING','ERROR'], o."level"))] AS level
        FROM "Observation" o
        WHERE o."projectId" = t."projectId" AND o."traceId" = t."id"
      ) agg ON true
      WHERE t."projectId" = ${input.projectId} ${filters}
      ORDER BY t."timestamp" ${direction}, t."id" ${direction}
      LIMIT ${input.limit} OFFSET ${input.offset}`,
    prisma.trace.count({ where }),
  ]);
  return { rows, total };
}

/** Inputs and outputs of a few traces (the session replay), never for a whole list. */
export async function getTracePayloads(projectId: string, traceIds: string[]) {
  if (traceIds.length === 0) return [];
  return prisma.trace.findMany({ where: { projectId, id: { in: traceIds } }, select: { id: true, input: true, output: true } });
}

export async function getTrace(projectId: string, traceId: string) {
  return prisma.trace.findUnique({ where: { projectId_id: { projectId, id: traceId } } });
}

/** The trace's observations without their payloads (input/output/metadata load per node). */
export async function listTraceObservations(projectId: string, traceId: string) {
  return prisma.observation.findMany({
    where: { projectId, traceId },
    orderBy: { startTime: "asc" },
    select: {
      id: true,
      traceId: true,
      parentObservationId: true,
      type: true,
      name: true,
      startTime: true,
      endTime: true,
      completionStartTime: true,
      level: true,
      statusMessage: true,
      version: true,
      environment: true,
      model: true,
      modelParameters: true,
      promptName: true,
      promptVersion: true,
      usageDetails: true,
      costDetails: true,
      inputTokens: true,
      outputTokens: true,
      totalTokens: true,
      totalCost: true,
      matchedModelId: true,
      pricingTierName: true,
      costComputedAt: true,
    },
  });
}

export async function getObservation(projectId: string, observationId: string) {
  return prisma.observation.findUnique({ where: { projectId_id: { projectId, id: observationId } } });
}

export async function listTraceScores(projectId: string, traceId: string) {
  return prisma.score.findMany({ where: { projectId, traceId }, orderBy: { timestamp: "asc" } });
}

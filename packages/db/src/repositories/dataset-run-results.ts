import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";

// What each run of a dataset produced per item (the compare view): the output, latency and cost of the
// trace (or the linked observation) and the scores on it, plus per-run aggregates. Payloads are cut to a
// preview in SQL so a page of a big experiment never ships whole outputs.

const PREVIEW_CHARS = 1500;

export type RunItemResult = {
  datasetRunId: string;
  datasetItemId: string;
  datasetItemVersion: number;
  traceId: string;
  observationId: string | null;
  outputPreview: string | null;
  latencyMs: number | null;
  totalCost: number | null;
};

/** The latest run item per (run, item) of the given runs, with its trace's or observation's result. */
export async function listRunItemResults(projectId: string, runIds: string[], itemLimit: number): Promise<RunItemResult[]> {
  if (runIds.length === 0) return [];
  return prisma.$queryRaw<RunItemResult[]>`
    WITH latest AS (
      SELECT DISTINCT ON (ri."datasetRunId", ri."datasetItemId") ri.*
      FROM "DatasetRunItem" ri
      WHERE ri."projectId" = ${projectId} AND ri."datasetRunId" IN (${Prisma.join(runIds)})
      ORDER BY ri."datasetRunId", ri."datasetItemId", ri."createdAt" DESC
    )
    SELECT l."datasetRunId", l."datasetItemId", l."datasetItemVersion", l."traceId", l."observationId",
           left(CASE WHEN o.id IS NOT NULL THEN o.output #>> '{}' ELSE t.output #>> '{}' END, ${PREVIEW_CHARS}) AS "outputPreview",
           CASE WHEN o.id IS NOT NULL THEN (EXTRACT(EPOCH FROM (o."endTime" - o."startTime")) * 1000)::float8 ELSE t."latencyMs"::float8 END AS "latencyMs",
           (CASE WHEN o.id IS NOT NULL THEN o."totalCost" ELSE t."totalCost" END)::float8 AS "totalCost"
    FROM latest l
    LEFT JOIN "Trace" t ON t."projectId" = l."projectId" AND t.id = l."traceId"
    LEFT JOIN "Observation" o ON o."projectId" = l."projectId" AND o.id = l."observationId"
    ORDER BY l."createdAt" DESC
    LIMIT ${itemLimit * runIds.length}`;
}

/** An item a UI experiment of the run did not produce a result for: failed, cancelled or still pending. */
export type RunItemUnfinished = {
  datasetRunId: string;
  datasetItemId: string;
  status: "PENDING" | "FAILED" | "CANCELLED";
  error: string | null;
};

/** The experiment items of the given runs that have no result (the compare view says why, not "not in this run"). */
export async function listUnfinishedRunItems(projectId: string, runIds: string[], itemLimit: number): Promise<RunItemUnfinished[]> {
  if (runIds.length === 0) return [];
  return prisma.$queryRaw<RunItemUnfinished[]>`
    SELECT e."runId" AS "datasetRunId", i."datasetItemId", i.status, i.error
    FROM "DatasetExperiment" e
    JOIN "DatasetExperimentItem" i ON i."projectId" = e."projectId" AND i."experimentId" = e.id
    WHERE e."projectId" = ${projectId} AND e."runId" IN (${Prisma.join(runIds)}) AND i.status <> 'DONE'
    ORDER BY i."createdAt" DESC
    LIMIT ${itemLimit * runIds.length}`;
}

export type RunItemScore = {
  traceId: string;
  observationId: string | null;
  name: string;
  value: number | null;
  stringValue: string | null;
};

/** Scores on the given traces: a run's scores are the scores of the traces its items produced. */
export async function listScoresOfTraces(projectId: string, traceIds: string[]): Promise<RunItemScore[]> {
  if (traceIds.length === 0) return [];
  return prisma.$queryRaw<RunItemScore[]>`
    SELECT s."traceId", s."observationId", s.name, s.value, s."stringValue"
    FROM "Score" s
    WHERE s."projectId" = ${projectId} AND s."traceId" IN (${Prisma.join(traceIds)})
    ORDER BY s."timestamp" ASC`;
}

export type RunAggregate = {
  datasetRunId: string;
  itemCount: number;
  avgLatencyMs: number | null;
  totalCost: number | null;
};

/** Per run over all its items: how many, average latency, total cost. */
export async function aggregateRuns(projectId: string, runIds: string[]): Promise<RunAggregate[]> {
  if (runIds.length === 0) return [];
  return prisma.$queryRaw<RunAggregate[]>`
    SELECT ri."datasetRunId", count(DISTINCT ri."datasetItemId")::int AS "itemCount",
           avg(t."latencyMs")::float8 AS "avgLatencyMs", sum(t."totalCost")::float8 AS "totalCost"
    FROM "DatasetRunItem" ri
    LEFT JOIN "Trace" t ON t."projectId" = ri."projectId" AND t.id = ri."traceId"
    WHERE ri."projectId" = ${projectId} AND ri."datasetRunId" IN (${Prisma.join(runIds)})
    GROUP BY ri."datasetRunId"`;
}

export type RunScoreAggregate = { datasetRunId: string; name: string; avg: number | null; count: number };

/** Per run and score name: the average numeric value and how many scores. */
export async function aggregateRunScores(projectId: string, runIds: string[]): Promise<RunScoreAggregate[]> {
  if (runIds.length === 0) return [];
  return prisma.$queryRaw<RunScoreAggregate[]>`
    SELECT ri."datasetRunId", s.name, avg(s.value)::float8 AS avg, count(*)::int AS count
    FROM (SELECT DISTINCT "datasetRunId", "traceId" FROM "DatasetRunItem"
          WHERE "projectId" = ${projectId} AND "datasetRunId" IN (${Prisma.join(runIds)})) ri
    JOIN "Score" s ON s."projectId" = ${projectId} AND s."traceId" = ri."traceId"
    GROUP BY ri."datasetRunId", s.name
    ORDER BY s.name`;
}

export type ComparedItem = {
  id: string;
  version: number;
  inputPreview: string | null;
  expectedOutputPreview: string | null;
  createdAt: Date;
};

/** The items the runs covered, as they are now (their version says whether a run used an older one). */
export async function listComparedItems(projectId: string, datasetId: string, itemIds: string[]): Promise<ComparedItem[]> {
  if (itemIds.length === 0) return [];
  return prisma.$queryRaw<ComparedItem[]>`
    SELECT i.id, i.version, left(i.input #>> '{}', ${PREVIEW_CHARS}) AS "inputPreview",
           left(i."expectedOutput" #>> '{}', ${PREVIEW_CHARS}) AS "expectedOutputPreview", i."createdAt"
    FROM "DatasetItem" i
    WHERE i."projectId" = ${projectId} AND i."datasetId" = ${datasetId} AND i.id IN (${Prisma.join(itemIds)})
    ORDER BY i."createdAt" DESC, i.id DESC`;
}

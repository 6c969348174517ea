import type { ScoreRecord } from "@loupe/domain";
import { prisma, type Tx } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { jsonb } from "./sql.ts";

export type { ScoreRecord } from "@loupe/domain";

/**
 * Scores are upserts by id; the first timestamp, target and environment are kept. Returns the ids
 * this upsert inserted (new scores), which the worker's metrics count once.
 */
export async function upsertScoreRecords(tx: Tx, projectId: string, records: ScoreRecord[]): Promise<Set<string>> {
  if (records.length === 0) return new Set();
  const values = records.map(
    (r) => Prisma.sql`(${projectId}, ${r.id}, ${r.name}, ${r.value}::float8, ${r.stringValue},
      ${r.dataType}::"ScoreDataType", ${r.source}::"ScoreSource", ${r.traceId}, ${r.observationId}, ${r.sessionId},
      ${r.datasetRunId}, ${r.comment}, ${jsonb(r.metadata)}, ${r.configId}, ${r.queueId}, ${r.environment},
      ${r.timestamp}, ${r.authorUserId ?? null}, now(), now())`,
  );
  // xmax = 0 only on a row this statement inserted (an updated row carries the updating transaction's id).
  const rows = await tx.$queryRaw<{ id: string; inserted: boolean }[]>`
    INSERT INTO "Score" ("projectId", "id", "name", "value", "stringValue", "dataType", "source", "traceId",
      "observationId", "sessionId", "datasetRunId", "comment", "metadata", "configId", "queueId", "environment",
      "timestamp", "authorUserId", "createdAt", "updatedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("projectId", "id") DO UPDATE SET
      "name" = EXCLUDED."name", "value" = EXCLUDED."value", "stringValue" = EXCLUDED."stringValue",
      "dataType" = EXCLUDED."dataType", "source" = EXCLUDED."source",
      "observationId" = COALESCE(EXCLUDED."observationId", "Score"."observationId"),
      "comment" = COALESCE(EXCLUDED."comment", "Score"."comment"),
      "metadata" = "Score"."metadata" || EXCLUDED."metadata",
      "configId" = COALESCE(EXCLUDED."configId", "Score"."configId"), "updatedAt" = now()
    RETURNING "id", (xmax = 0) AS "inserted"`;
  return new Set(rows.filter((r) => r.inserted).map((r) => r.id));
}

/** Writes one score with the same upsert the ingestion worker uses (so the merge rules are shared). */
export async function writeScoreNow(projectId: string, record: ScoreRecord): Promise<void> {
  await prisma.$transaction((tx) => upsertScoreRecords(tx, projectId, [record]));
}

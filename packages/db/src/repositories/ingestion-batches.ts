import { randomUUID } from "node:crypto";
import type { TAcceptedEvent } from "@loupe/contracts";
import { prisma, type Tx } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";

export type IngestionSource = "ingestion" | "otel";

/** The durable write on the request path: once this returns, the events survive any crash. */
export async function insertIngestionBatch(input: {
  projectId: string;
  source: IngestionSource;
  events: TAcceptedEvent[];
}): Promise<string> {
  return insertSerializedIngestionBatch({ ...input, eventsJson: JSON.stringify(input.events), eventCount: input.events.length });
}

/** The same insert with the events already serialised (the web process's ingestion threads do that). */
export async function insertSerializedIngestionBatch(input: {
  projectId: string;
  source: IngestionSource;
  /** The events' JSON, as a string or as its UTF-8 bytes. */
  eventsJson: string | Uint8Array;
  eventCount: number;
}): Promise<string> {
  // Raw SQL with the JSON as one text parameter: a third faster than the ORM for ~100 KB batches
  // (bench/ingest.mjs), and this insert is the only database write on the request path.
  const id = randomUUID();
  await prisma.$executeRaw`
    INSERT INTO "IngestionBatch" ("id", "projectId", "source", "events", "eventCount")
    VALUES (${id}, ${input.projectId}, ${input.source},
      ${typeof input.eventsJson === "string" ? Prisma.sql`${input.eventsJson}::json` : Prisma.sql`convert_from(${input.eventsJson}, 'UTF8')::json`},
      ${input.eventCount})`;
  return id;
}

/**
 * Stored batches as the merge reads them (missing ids are left out). Raw SQL with the events as text,
 * parsed once here: through the ORM the ~100 KB JSON was decoded by the query engine and again by the
 * adapter, and the worker reads several batches in one query when it merges them together.
 */
export async function getIngestionBatches(ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await prisma.$queryRaw<{ id: string; projectId: string; events: string; receivedAt: Date; processedAt: Date | null }[]>`
    SELECT "id", "projectId", "events"::text AS "events", "receivedAt", "processedAt" FROM "IngestionBatch" WHERE "id" = ANY(${ids}::text[])`;
  return rows.map((row) => ({ ...row, events: JSON.parse(row.events) as TAcceptedEvent[] }));
}

export type StoredIngestionBatch = Awaited<ReturnType<typeof getIngestionBatches>>[number];

/** Called inside the merge transaction, so "processed" and the merged rows commit together. */
export async function markIngestionBatchesProcessed(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  // Raw, without RETURNING: the ORM's update read the whole row (the ~100 KB events) back.
  await tx.$executeRaw`
    UPDATE "IngestionBatch" SET "processedAt" = clock_timestamp(), "attempts" = "attempts" + 1, "lastError" = NULL
    WHERE "id" = ANY(${ids}::text[])`;
}

export async function markIngestionBatchFailed(id: string, error: string): Promise<void> {
  await prisma.ingestionBatch.update({
    where: { id },
    data: { attempts: { increment: 1 }, lastError: error.slice(0, 2000) },
  });
}

/**
 * Unprocessed batches received before `olderThan` (every one when it is null), oldest first; all
 * projects unless one is named. `after` continues from the last row of the previous page.
 */
export async function listStaleIngestionBatches(
  olderThan: Date | null,
  options: { projectId?: string; limit?: number; after?: { receivedAt: Date; id: string } } = {},
) {
  const { projectId, limit = 500, after } = options;
  return prisma.ingestionBatch.findMany({
    where: {
      processedAt: null,
      ...(olderThan ? { receivedAt: { lt: olderThan } } : {}),
      ...(projectId ? { projectId } : {}),
      ...(after ? { OR: [{ receivedAt: { gt: after.receivedAt } }, { receivedAt: after.receivedAt, id: { gt: after.id } }] } : {}),
    },
    select: { id: true, projectId: true, receivedAt: true },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    take: limit,
  });
}

export async function countUnprocessedIngestionBatches(): Promise<number> {
  return prisma.ingestionBatch.count({ where: { processedAt: null } });
}

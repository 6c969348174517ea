import { randomUUID } from "node:crypto";
import type { TAcceptedEvent } from "@loupe/contracts";
import { payloadPool, prisma, type Tx } from "../client.ts";

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
  eventsJson: string;
  eventCount: number;
}): Promise<string> {
  // Plain pg, not the ORM (payloadPool): the JSON goes out as one text parameter, untouched.
  const id = randomUUID();
  await payloadPool().query(
    `INSERT INTO "IngestionBatch" ("id", "projectId", "source", "events", "eventCount") VALUES ($1, $2, $3, $4::json, $5)`,
    [id, input.projectId, input.source, input.eventsJson, input.eventCount],
  );
  return id;
}

/**
 * Stored batches as the merge reads them (missing ids are left out), with the events as text parsed
 * once here, through plain pg (payloadPool): the worker reads several ~100 KB batches in one query.
 */
export async function getIngestionBatches(ids: string[]) {
  if (ids.length === 0) return [];
  const { rows } = await payloadPool().query<{ id: string; projectId: string; events: string; receivedAt: Date; processedAt: Date | null }>(
    // The columns are UTC without a zone (Prisma's DateTime); named as such, pg does not read them as local time.
    `SELECT "id", "projectId", "events"::text AS "events", "receivedAt" AT TIME ZONE 'UTC' AS "receivedAt",
       "processedAt" AT TIME ZONE 'UTC' AS "processedAt"
     FROM "IngestionBatch" WHERE "id" = ANY($1::text[])`,
    [ids],
  );
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

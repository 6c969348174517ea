import { randomUUID } from "node:crypto";
import type { DatasetItemStatus } from "@loupe/contracts";
import { prisma, type Tx } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";

// Datasets, their items (with history), runs and run items. Every query starts with projectId.

type Page = { limit: number; offset: number };
/** A JSON column value: undefined leaves the column alone, null clears it. */
type JsonInput = unknown;

const json = (value: JsonInput) => (value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue));
const jsonIf = (value: JsonInput) => (value === undefined ? undefined : json(value));

// --- datasets -------------------------------------------------------------------------------------

export type DatasetUpsert = {
  name: string;
  description?: string | null;
  metadata?: JsonInput;
  inputSchema?: JsonInput;
  expectedOutputSchema?: JsonInput;
};

export async function findDatasetByName(projectId: string, name: string) {
  return prisma.dataset.findUnique({ where: { projectId_name: { projectId, name } } });
}

export async function findDatasetById(projectId: string, id: string) {
  return prisma.dataset.findFirst({ where: { projectId, id } });
}

export async function listDatasetsPage(projectId: string, page: Page) {
  const [rows, total] = await Promise.all([
    prisma.dataset.findMany({
      where: { projectId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: page.limit,
      skip: page.offset,
    }),
    prisma.dataset.count({ where: { projectId } }),
  ]);
  return { rows, total };
}

/** Creates the dataset or updates the fields given (Langfuse's upsert by name). */
export async function upsertDataset(projectId: string, input: DatasetUpsert) {
  const fields = {
    description: input.description,
    metadata: jsonIf(input.metadata),
    inputSchema: jsonIf(input.inputSchema),
    expectedOutputSchema: jsonIf(input.expectedOutputSchema),
  };
  return prisma.dataset.upsert({
    where: { projectId_name: { projectId, name: input.name } },
    create: { projectId, name: input.name, ...fields },
    update: fields,
  });
}

// --- items ----------------------------------------------------------------------------------------

export type DatasetItemRow = {
  projectId: string;
  id: string;
  datasetId: string;
  datasetName: string;
  status: DatasetItemStatus;
  input: unknown;
  expectedOutput: unknown;
  metadata: unknown;
  sourceTraceId: string | null;
  sourceObservationId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

const withDatasetName = <T extends { dataset: { name: string } }>({ dataset, ...row }: T) => ({ ...row, datasetName: dataset.name });

export async function findDatasetItem(projectId: string, id: string): Promise<DatasetItemRow | null> {
  const row = await prisma.datasetItem.findUnique({
    where: { projectId_id: { projectId, id } },
    include: { dataset: { select: { name: true } } },
  });
  return row ? withDatasetName(row) : null;
}

export type DatasetItemWrite = {
  datasetId: string;
  status: DatasetItemStatus;
  input: JsonInput;
  expectedOutput: JsonInput;
  metadata: JsonInput;
  sourceTraceId: string | null;
  sourceObservationId: string | null;
};

/**
 * Writes the full (already merged and validated) state of an item and appends it to the item's history
 * as the next version, in one transaction. `expectedVersion` is the version the caller merged onto
 * (null for a new item): a concurrent write in between makes this return "conflict" instead of losing it.
 */
export async function writeDatasetItem(
  projectId: string,
  id: string,
  state: DatasetItemWrite,
  expectedVersion: number | null,
): Promise<DatasetItemRow | "conflict"> {
  try {
    return await prisma.$transaction(async (tx) => {
      const data = {
        status: state.status,
        input: json(state.input),
        expectedOutput: json(state.expectedOutput),
        metadata: json(state.metadata),
        sourceTraceId: state.sourceTraceId,
        sourceObservationId: state.sourceObservationId,
      };
      let version: number;
      if (expectedVersion === null) {
        await tx.datasetItem.create({ data: { projectId, id, datasetId: state.datasetId, ...data, version: 1 } });
        version = 1;
      } else {
        const updated = await tx.datasetItem.updateMany({
          where: { projectId, id, datasetId: state.datasetId, version: expectedVersion },
          data: { ...data, version: { increment: 1 } },
        });
        if (updated.count !== 1) return "conflict" as const;
        version = expectedVersion + 1;
      }
      await tx.datasetItemVersion.create({ data: { projectId, itemId: id, datasetId: state.datasetId, version, ...data } });
      const row = await tx.datasetItem.findUniqueOrThrow({
        where: { projectId_id: { projectId, id } },
        include: { dataset: { select: { name: true } } },
      });
      return withDatasetName(row);
    });
  } catch (error) {
    // Two creates of the same new id raced: the loser retries as an update.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "conflict";
    throw error;
  }
}

export type NewDatasetItem = { input: JsonInput; expectedOutput: JsonInput; metadata: JsonInput; sourceTraceId?: string };
const IMPORT_CHUNK = 1000;

/**
 * Inserts new items (an import) with their first history version, all in one transaction: an import
 * lands whole or not at all. createdAt steps back a millisecond per item, so the newest-first item list
 * shows them in file order.
 */
export async function insertDatasetItems(projectId: string, datasetId: string, items: NewDatasetItem[]): Promise<number> {
  const now = Date.now();
  const rows = items.map((item, i) => ({
    projectId,
    id: randomUUID(),
    datasetId,
    input: json(item.input),
    expectedOutput: json(item.expectedOutput),
    metadata: json(item.metadata),
    sourceTraceId: item.sourceTraceId ?? null,
    createdAt: new Date(now - i),
  }));
  await prisma.$transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += IMPORT_CHUNK) {
      const chunk = rows.slice(i, i + IMPORT_CHUNK);
      await tx.datasetItem.createMany({ data: chunk.map((r) => ({ ...r, version: 1 })) });
      await tx.datasetItemVersion.createMany({
        data: chunk.map(({ id, createdAt: _c, ...r }) => ({
          ...r,
          itemId: id,
          version: 1,
          status: "ACTIVE" as const,
          validFrom: new Date(now),
        })),
      });
    }
  });
  return rows.length;
}

export type DatasetItemFilter = {
  datasetId?: string;
  sourceTraceId?: string;
  sourceObservationId?: string;
};

export async function listDatasetItemsPage(projectId: string, filter: DatasetItemFilter, page: Page) {
  const where = { projectId, ...filter };
  const [rows, total] = await Promise.all([
    prisma.datasetItem.findMany({
      where,
      include: { dataset: { select: { name: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: page.limit,
      skip: page.offset,
    }),
    prisma.datasetItem.count({ where }),
  ]);
  return { rows: rows.map(withDatasetName), total };
}

/**
 * The items of a dataset as they were at `at`: for each item its latest version from before then.
 * Items created later are absent; deleted items are gone from history too (deleting removes it).
 */
export async function listDatasetItemsAt(projectId: string, datasetId: string, at: Date, filter: DatasetItemFilter, page: Page) {
  const rows = await prisma.$queryRaw<(DatasetItemRow & { total: bigint })[]>`
    WITH asof AS (
      SELECT DISTINCT ON (v."itemId") v.*
      FROM "DatasetItemVersion" v
      WHERE v."projectId" = ${projectId} AND v."datasetId" = ${datasetId} AND v."validFrom" <= ${at}
      ORDER BY v."itemId", v.version DESC
    )
    SELECT a."projectId", a."itemId" AS id, a."datasetId", d.name AS "datasetName", a.status::text AS status,
           a.input, a."expectedOutput", a.metadata, a."sourceTraceId", a."sourceObservationId", a.version,
           i."createdAt", a."validFrom" AS "updatedAt", count(*) OVER () AS total
    FROM asof a
    JOIN "DatasetItem" i ON i."projectId" = a."projectId" AND i.id = a."itemId"
    JOIN "Dataset" d ON d.id = a."datasetId"
    WHERE (${filter.sourceTraceId ?? null}::text IS NULL OR a."sourceTraceId" = ${filter.sourceTraceId ?? null})
      AND (${filter.sourceObservationId ?? null}::text IS NULL OR a."sourceObservationId" = ${filter.sourceObservationId ?? null})
    ORDER BY i."createdAt" DESC, a."itemId" DESC
    LIMIT ${page.limit} OFFSET ${page.offset}`;
  const total = rows[0] ? Number(rows[0].total) : 0;
  return { rows: rows.map(({ total: _t, ...row }) => row), total };
}

/** Pages through a dataset's current items in id order (schema checks over a whole dataset). */
export async function datasetItemsAfter(projectId: string, datasetId: string, afterId: string | null, limit: number) {
  return prisma.datasetItem.findMany({
    where: { projectId, datasetId, ...(afterId ? { id: { gt: afterId } } : {}) },
    select: { id: true, input: true, expectedOutput: true },
    orderBy: { id: "asc" },
    take: limit,
  });
}

/** Deletes the item with its history and run items; false when the project has no such item. */
export async function deleteDatasetItem(projectId: string, id: string): Promise<boolean> {
  const { count } = await prisma.datasetItem.deleteMany({ where: { projectId, id } });
  return count === 1;
}

// --- runs -----------------------------------------------------------------------------------------

export async function findDatasetRun(projectId: string, datasetId: string, name: string) {
  return prisma.datasetRun.findFirst({ where: { projectId, datasetId, name } });
}

export async function listDatasetRunsPage(projectId: string, datasetId: string, page: Page) {
  const where = { projectId, datasetId };
  const [rows, total] = await Promise.all([
    prisma.datasetRun.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: page.limit, skip: page.offset }),
    prisma.datasetRun.count({ where }),
  ]);
  return { rows, total };
}

export async function deleteDatasetRun(projectId: string, runId: string): Promise<boolean> {
  const { count } = await prisma.datasetRun.deleteMany({ where: { projectId, id: runId } });
  return count === 1;
}

// --- run items ------------------------------------------------------------------------------------

export type DatasetRunItemRow = {
  id: string;
  datasetRunId: string;
  datasetRunName: string;
  datasetItemId: string;
  datasetItemVersion: number;
  traceId: string;
  observationId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type NewDatasetRunItem = {
  datasetId: string;
  runName: string;
  runDescription: string | null;
  runMetadata: JsonInput;
  datasetItemId: string;
  datasetItemVersion: number;
  traceId: string;
  observationId: string | null;
  createdAt: Date | null;
};

/**
 * Fetches the run by name or creates it (an existing run keeps its description and metadata, as in
 * Langfuse), then adds the run item, in one transaction. The experiment runner links up to 50 items of
 * one new run concurrently, hence INSERT … ON CONFLICT DO NOTHING rather than find-then-create.
 */
export async function createDatasetRunItem(projectId: string, input: NewDatasetRunItem): Promise<DatasetRunItemRow> {
  return prisma.$transaction(async (tx) => {
    const run = await createOrFetchRun(tx, projectId, input);
    const row = await tx.datasetRunItem.create({
      data: {
        projectId,
        datasetRunId: run.id,
        datasetItemId: input.datasetItemId,
        datasetItemVersion: input.datasetItemVersion,
        traceId: input.traceId,
        observationId: input.observationId,
        ...(input.createdAt ? { createdAt: input.createdAt } : {}),
      },
    });
    return { ...row, datasetRunName: run.name };
  });
}

async function createOrFetchRun(tx: Tx, projectId: string, input: NewDatasetRunItem) {
  const metadata = input.runMetadata === undefined || input.runMetadata === null ? null : JSON.stringify(input.runMetadata);
  await tx.$executeRaw`
    INSERT INTO "DatasetRun" (id, "projectId", "datasetId", name, description, metadata, "createdAt", "updatedAt")
    VALUES (${randomUUID()}, ${projectId}, ${input.datasetId}, ${input.runName}, ${input.runDescription},
            ${metadata}::jsonb, now(), now())
    ON CONFLICT ("datasetId", name) DO NOTHING`;
  return tx.datasetRun.findFirstOrThrow({ where: { projectId, datasetId: input.datasetId, name: input.runName } });
}

export async function listDatasetRunItemsPage(projectId: string, run: { id: string; name: string }, page: Page) {
  const where = { projectId, datasetRunId: run.id };
  const [rows, total] = await Promise.all([
    prisma.datasetRunItem.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: page.limit, skip: page.offset }),
    prisma.datasetRunItem.count({ where }),
  ]);
  return { rows: rows.map((r) => ({ ...r, datasetRunName: run.name })), total };
}

/** All items of a run, newest first (GET /api/public/datasets/{name}/runs/{runName}). */
export async function listDatasetRunItems(projectId: string, run: { id: string; name: string }): Promise<DatasetRunItemRow[]> {
  const rows = await prisma.datasetRunItem.findMany({
    where: { projectId, datasetRunId: run.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map((r) => ({ ...r, datasetRunName: run.name }));
}

/** The item's version number in force at `at` (null when the item did not exist yet). */
export async function datasetItemVersionAt(projectId: string, itemId: string, at: Date) {
  return prisma.datasetItemVersion.findFirst({
    where: { projectId, itemId, validFrom: { lte: at } },
    orderBy: { version: "desc" },
    select: { version: true, status: true },
  });
}

/** The trace of an observation of the project (older SDKs link run items by observation id only). */
export async function traceIdOfObservation(projectId: string, observationId: string): Promise<string | null> {
  const row = await prisma.observation.findFirst({ where: { projectId, id: observationId }, select: { traceId: true } });
  return row?.traceId ?? null;
}

// --- the datasets pages ---------------------------------------------------------------------------

export type DatasetSummaryRow = {
  id: string;
  name: string;
  description: string | null;
  itemCount: number;
  runCount: number;
  lastRunAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** A project's datasets by name with item and run counts, at most `limit` of them. */
export async function listDatasetSummaries(projectId: string, limit: number, datasetId?: string): Promise<DatasetSummaryRow[]> {
  return prisma.$queryRaw<DatasetSummaryRow[]>`
    SELECT d.id, d.name, d.description, d."createdAt", d."updatedAt",
      (SELECT count(*)::int FROM "DatasetItem" i WHERE i."projectId" = d."projectId" AND i."datasetId" = d.id) AS "itemCount",
      (SELECT count(*)::int FROM "DatasetRun" r WHERE r."projectId" = d."projectId" AND r."datasetId" = d.id) AS "runCount",
      (SELECT max(r."createdAt") FROM "DatasetRun" r WHERE r."projectId" = d."projectId" AND r."datasetId" = d.id) AS "lastRunAt"
    FROM "Dataset" d
    WHERE d."projectId" = ${projectId} AND (${datasetId ?? null}::text IS NULL OR d.id = ${datasetId ?? null})
    ORDER BY d.name
    LIMIT ${limit}`;
}

/** A dataset's runs, newest first, with how many items each linked. */
export async function listDatasetRunSummaries(projectId: string, datasetId: string) {
  return prisma.$queryRaw<{ id: string; name: string; description: string | null; itemCount: number; createdAt: Date }[]>`
    SELECT r.id, r.name, r.description, r."createdAt",
      (SELECT count(*)::int FROM "DatasetRunItem" ri WHERE ri."projectId" = r."projectId" AND ri."datasetRunId" = r.id) AS "itemCount"
    FROM "DatasetRun" r
    WHERE r."projectId" = ${projectId} AND r."datasetId" = ${datasetId}
    ORDER BY r."createdAt" DESC
    LIMIT 500`;
}

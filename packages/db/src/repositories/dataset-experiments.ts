import { randomUUID } from "node:crypto";
import type { ExperimentItemStatus, ExperimentStatus } from "@loupe/contracts";
import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";

// Experiments started from the UI (DatasetExperiment) and their items. Every query starts with projectId.

export type ExperimentItemCounts = { pending: number; done: number; failed: number; cancelled: number };
export type DatasetExperimentRow = {
  id: string;
  projectId: string;
  datasetId: string;
  runId: string;
  runName: string;
  status: ExperimentStatus;
  config: unknown;
  createdAt: Date;
  finishedAt: Date | null;
  total: number;
  counts: ExperimentItemCounts;
};

export type NewExperiment = {
  runName: string;
  runDescription: string | null;
  runMetadata: Record<string, unknown>;
  config: Record<string, unknown>;
};

/** A dataset run of this name already exists: experiments never add to a run they did not create. */
export class RunNameTakenError extends Error {}

/**
 * Creates each experiment's dataset run, the experiment and one pending item per dataset item, all in
 * one transaction: an experiment starts whole or not at all. Answers the new experiment ids with
 * their item ids (to enqueue after the commit).
 */
export async function insertExperiments(
  projectId: string,
  input: {
    datasetId: string;
    createdByUserId: string | null;
    experiments: NewExperiment[];
    items: { id: string; version: number }[];
  },
): Promise<{ id: string; itemIds: string[] }[]> {
  try {
    return await prisma.$transaction(async (tx) => {
      const created: { id: string; itemIds: string[] }[] = [];
      for (const e of input.experiments) {
        const run = await tx.datasetRun.create({
          data: {
            projectId,
            datasetId: input.datasetId,
            name: e.runName,
            description: e.runDescription,
            metadata: e.runMetadata as Prisma.InputJsonValue,
          },
        });
        const experiment = await tx.datasetExperiment.create({
          data: {
            projectId,
            datasetId: input.datasetId,
            runId: run.id,
            config: e.config as Prisma.InputJsonValue,
            createdByUserId: input.createdByUserId,
          },
        });
        const itemIds = input.items.map(() => randomUUID());
        await tx.datasetExperimentItem.createMany({
          data: input.items.map((item, i) => ({
            id: itemIds[i] as string,
            projectId,
            experimentId: experiment.id,
            datasetItemId: item.id,
            datasetItemVersion: item.version,
          })),
        });
        created.push({ id: experiment.id, itemIds });
      }
      return created;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new RunNameTakenError();
    throw error;
  }
}

const SUMMARY = Prisma.sql`
  SELECT e.id, e."projectId", e."datasetId", e."runId", r.name AS "runName", e.status, e.config, e."createdAt", e."finishedAt",
    (SELECT count(*)::int FROM "DatasetExperimentItem" i WHERE i."projectId" = e."projectId" AND i."experimentId" = e.id) AS total,
    (SELECT json_build_object(
        'pending', count(*) FILTER (WHERE i.status = 'PENDING'),
        'done', count(*) FILTER (WHERE i.status = 'DONE'),
        'failed', count(*) FILTER (WHERE i.status = 'FAILED'),
        'cancelled', count(*) FILTER (WHERE i.status = 'CANCELLED'))
      FROM "DatasetExperimentItem" i WHERE i."projectId" = e."projectId" AND i."experimentId" = e.id) AS counts
  FROM "DatasetExperiment" e JOIN "DatasetRun" r ON r.id = e."runId"`;

/** A dataset's experiments, newest first, with their item counts by status. */
export async function listDatasetExperiments(projectId: string, datasetId: string, limit = 100): Promise<DatasetExperimentRow[]> {
  return prisma.$queryRaw<DatasetExperimentRow[]>`
    ${SUMMARY}
    WHERE e."projectId" = ${projectId} AND e."datasetId" = ${datasetId}
    ORDER BY e."createdAt" DESC, e.id DESC
    LIMIT ${limit}`;
}

export async function findDatasetExperiment(projectId: string, experimentId: string): Promise<DatasetExperimentRow | null> {
  const [row] = await prisma.$queryRaw<DatasetExperimentRow[]>`
    ${SUMMARY}
    WHERE e."projectId" = ${projectId} AND e.id = ${experimentId}`;
  return row ?? null;
}

export type ExperimentItemRow = {
  id: string;
  experimentId: string;
  datasetItemId: string;
  datasetItemVersion: number;
  status: ExperimentItemStatus;
  error: string | null;
  traceId: string | null;
  attempts: number;
  finishedAt: Date | null;
};

/** An experiment's items for its progress view: failed and erroring ones first, then the newest finished. */
export async function listExperimentItems(projectId: string, experimentId: string, limit: number): Promise<ExperimentItemRow[]> {
  return prisma.$queryRaw<ExperimentItemRow[]>`
    SELECT id, "experimentId", "datasetItemId", "datasetItemVersion", status, error, "traceId", attempts, "finishedAt"
    FROM "DatasetExperimentItem"
    WHERE "projectId" = ${projectId} AND "experimentId" = ${experimentId}
    ORDER BY (status = 'FAILED') DESC, (error IS NOT NULL) DESC, "finishedAt" DESC NULLS LAST, id
    LIMIT ${limit}`;
}

export async function findExperimentItem(projectId: string, itemId: string): Promise<ExperimentItemRow | null> {
  const row = await prisma.datasetExperimentItem.findFirst({ where: { projectId, id: itemId } });
  return row as ExperimentItemRow | null;
}

/** Counts one attempt of a pending item (so the last attempt can fail it instead of throwing). */
export async function countExperimentItemAttempt(projectId: string, itemId: string): Promise<void> {
  await prisma.datasetExperimentItem.updateMany({
    where: { projectId, id: itemId, status: "PENDING" },
    data: { attempts: { increment: 1 } },
  });
}

/**
 * Finishes a pending item; false when it is no longer pending (cancelled meanwhile, or finished by
 * an earlier run of the job), in which case nothing is written.
 */
export async function finishExperimentItem(
  projectId: string,
  itemId: string,
  patch: { status: "DONE" | "FAILED"; error: string | null; traceId: string | null },
): Promise<boolean> {
  const { count } = await prisma.datasetExperimentItem.updateMany({
    where: { projectId, id: itemId, status: "PENDING" },
    data: { ...patch, finishedAt: new Date() },
  });
  return count === 1;
}

/** Marks the experiment done once no item is pending (every item's job calls this after finishing). */
export async function completeExperimentIfFinished(projectId: string, experimentId: string): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "DatasetExperiment" e SET status = 'DONE', "finishedAt" = now(), "updatedAt" = now()
    WHERE e."projectId" = ${projectId} AND e.id = ${experimentId} AND e.status = 'RUNNING'
      AND NOT EXISTS (SELECT 1 FROM "DatasetExperimentItem" i
                      WHERE i."projectId" = e."projectId" AND i."experimentId" = e.id AND i.status = 'PENDING')`;
}

/** Cancels a running experiment and its pending items in one transaction; false when it was not running. */
export async function cancelDatasetExperiment(projectId: string, experimentId: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.datasetExperiment.updateMany({
      where: { projectId, id: experimentId, status: "RUNNING" },
      data: { status: "CANCELLED", finishedAt: new Date() },
    });
    if (count === 0) return false;
    await tx.datasetExperimentItem.updateMany({
      where: { projectId, experimentId, status: "PENDING" },
      data: { status: "CANCELLED", finishedAt: new Date() },
    });
    return true;
  });
}

/**
 * Pending items of running experiments created over `olderThanMs` ago, across projects (the sweep
 * re-enqueues those whose job Redis lost).
 */
export async function findStaleExperimentItems(olderThanMs: number, limit: number) {
  return prisma.datasetExperimentItem.findMany({
    where: { status: "PENDING", createdAt: { lt: new Date(Date.now() - olderThanMs) }, experiment: { status: "RUNNING" } },
    select: { projectId: true, id: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
}

/**
 * Links an item's trace to the experiment's run under the experiment item's id, so a job that runs
 * twice writes one run item.
 */
export async function upsertExperimentRunItem(
  projectId: string,
  input: { id: string; runId: string; datasetItemId: string; datasetItemVersion: number; traceId: string; observationId: string },
): Promise<void> {
  const { id, runId, ...fields } = input;
  await prisma.datasetRunItem.upsert({
    where: { id },
    create: { id, projectId, datasetRunId: runId, ...fields },
    update: { traceId: fields.traceId, observationId: fields.observationId },
  });
}

/** The active items of a dataset an experiment runs over (id order), at most `limit`. */
export async function activeDatasetItems(projectId: string, datasetId: string, limit: number) {
  return prisma.datasetItem.findMany({
    where: { projectId, datasetId, status: "ACTIVE" },
    select: { id: true, version: true, input: true },
    orderBy: { id: "asc" },
    take: limit,
  });
}

/** One version of a dataset item (the one an experiment item was fixed to). */
export async function findDatasetItemVersion(projectId: string, itemId: string, version: number) {
  return prisma.datasetItemVersion.findUnique({
    where: { projectId_itemId_version: { projectId, itemId, version } },
    select: { input: true, expectedOutput: true, metadata: true },
  });
}

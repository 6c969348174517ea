import { type Tx, prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";

/**
 * Marks a project deleted (every read skips it from now on), counts its traces for the progress bar and
 * drops its API keys. Returns false when it is not a live project of the organization.
 */
export async function markProjectDeleted(organizationId: string, projectId: string, db: Tx = prisma): Promise<boolean> {
  const [counted] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Trace" WHERE "projectId" = ${projectId}`;
  const marked = await db.project.updateMany({
    where: { id: projectId, organizationId, deletedAt: null },
    data: { deletedAt: new Date(), deletionTracesTotal: Number(counted?.n ?? 0), deletionTracesDone: 0 },
  });
  if (marked.count === 0) return false;
  await db.apiKey.deleteMany({ where: { projectId } });
  return true;
}

/** The organization's projects whose deletion is under way, with their progress. */
export async function listProjectsBeingDeleted(organizationId: string) {
  return prisma.project.findMany({
    where: { organizationId, deletedAt: { not: null } },
    orderBy: { deletedAt: "asc" },
    select: { id: true, name: true, deletedAt: true, deletionTracesTotal: true, deletionTracesDone: true },
  });
}

export async function findProjectBeingDeleted(projectId: string) {
  return prisma.project.findFirst({ where: { id: projectId, deletedAt: { not: null } }, select: { id: true } });
}

/** Projects marked deleted before `before` that still exist (their job was lost); the worker's sweep re-enqueues them. */
export async function projectsDeletedBefore(before: Date, limit: number): Promise<string[]> {
  const rows = await prisma.project.findMany({ where: { deletedAt: { lt: before } }, select: { id: true }, take: limit });
  return rows.map((r) => r.id);
}

export async function addDeletedTraces(projectId: string, count: number): Promise<void> {
  await prisma.project.updateMany({ where: { id: projectId }, data: { deletionTracesDone: { increment: count } } });
}

/** The first traces of a project, by id (the deletion job's next batch). */
export async function projectTraceIds(projectId: string, limit: number): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Trace" WHERE "projectId" = ${projectId} ORDER BY "id" LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

/**
 * Every table with a "projectId" column but the audit log (which outlives the project by design) and the
 * project itself; read from the catalog so a table added later is deleted too. Names are quoted identifiers
 * from Postgres itself, never caller input.
 */
async function projectScopedTables(): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ table_name: string }[]>`
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND c.column_name = 'projectId' AND t.table_type = 'BASE TABLE'
      AND c.table_name <> 'AuditLog'
    ORDER BY c.table_name`;
  return rows.map((r) => r.table_name).filter((name) => /^[A-Za-z0-9_]+$/.test(name));
}

/**
 * Deletes up to `batchSize` rows of the project from one table after another; returns how many went.
 * A table a foreign key still holds (its parent rows remain) is retried on the next call, so callers
 * loop until it returns 0.
 */
export async function deleteProjectRowsBatch(projectId: string, batchSize: number): Promise<number> {
  let deleted = 0;
  for (const table of await projectScopedTables()) {
    const name = Prisma.raw(`"${table}"`);
    try {
      deleted += await prisma.$executeRaw`
        DELETE FROM ${name} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${name} WHERE "projectId" = ${projectId} LIMIT ${batchSize}))`;
    } catch (error) {
      if (!(error instanceof Error && /foreign key|23503/i.test(error.message))) throw error;
    }
    if (deleted >= batchSize) return deleted;
  }
  return deleted;
}

/** Removes the project row itself (what foreign keys still hold goes with it); false when already gone. */
export async function deleteProjectRow(projectId: string): Promise<boolean> {
  const result = await prisma.project.deleteMany({ where: { id: projectId, deletedAt: { not: null } } });
  return result.count > 0;
}

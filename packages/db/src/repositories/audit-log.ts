import { type Tx, prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { eqIf, jsonb, timeRange, whereAll } from "./sql.ts";

export type AuditRowContent = {
  id: string;
  createdAt: Date;
  organizationId: string | null;
  projectId: string | null;
  actorType: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
};
export type AuditRow = AuditRowContent & { seq: bigint; prevHash: string; hash: string };

// One chain for the whole instance, so one lock: appends are serialised (each is one small insert).
const CHAIN_LOCK = "audit-log:chain";

/**
 * Appends a row at the head of the chain inside `tx`. The advisory lock is held to the end of the
 * transaction, so the next append reads this row as its predecessor only once it is committed (or
 * finds the old head again when this transaction rolls back). `hashOf` computes the new row's hash
 * from the head's hash and the row's content (`createdAt` is taken after the lock: chain order is time order).
 */
export async function appendAuditRow(
  tx: Tx,
  content: Omit<AuditRowContent, "createdAt">,
  hashOf: (prevHash: string | null, row: AuditRowContent) => { prevHash: string; hash: string },
): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${CHAIN_LOCK}, 0))::text AS locked`;
  const [head] = await tx.$queryRaw<{ hash: string }[]>`SELECT "hash" FROM "AuditLog" ORDER BY "seq" DESC LIMIT 1`;
  const row = { ...content, createdAt: new Date() };
  const { prevHash, hash } = hashOf(head?.hash ?? null, row);
  await tx.$executeRaw`
    INSERT INTO "AuditLog" ("id", "createdAt", "organizationId", "projectId", "actorType", "actorId", "actorEmail",
      "action", "resourceType", "resourceId", "before", "after", "ip", "prevHash", "hash")
    VALUES (${row.id}, ${row.createdAt}, ${row.organizationId}, ${row.projectId}, ${row.actorType}, ${row.actorId},
      ${row.actorEmail}, ${row.action}, ${row.resourceType}, ${row.resourceId}, ${jsonb(row.before)}, ${jsonb(row.after)},
      ${row.ip}, ${prevHash}, ${hash})`;
}

/** Runs `work` in a transaction (for appends made outside a service's own transaction). */
export function inAuditTransaction(work: (tx: Tx) => Promise<void>): Promise<void> {
  return prisma.$transaction(work, { maxWait: 10_000, timeout: 20_000 });
}

/** The chain in order, `limit` rows after `afterSeq` (null: from the oldest kept row). */
export async function readAuditChain(afterSeq: bigint | null, limit: number): Promise<AuditRow[]> {
  return prisma.$queryRaw<AuditRow[]>`
    SELECT * FROM "AuditLog" WHERE ${afterSeq === null ? Prisma.sql`TRUE` : Prisma.sql`"seq" > ${afterSeq}`}
    ORDER BY "seq" LIMIT ${limit}`;
}

/** The project an audit row belongs to (null: instance-wide, such as a sign-in; undefined: no such row). */
export async function findAuditRowProject(id: string): Promise<string | null | undefined> {
  const [row] = await prisma.$queryRaw<{ projectId: string | null }[]>`SELECT "projectId" FROM "AuditLog" WHERE "id" = ${id}`;
  return row ? row.projectId : undefined;
}

export type AuditFilter = {
  action?: string;
  actor?: string;
  resourceType?: string;
  resourceId?: string;
  from?: string;
  to?: string;
};

function auditWhere(projectId: string, f: AuditFilter): Prisma.Sql {
  return whereAll([
    Prisma.sql`"projectId" = ${projectId}`,
    eqIf(Prisma.sql`"action"`, f.action),
    eqIf(Prisma.sql`"resourceType"`, f.resourceType),
    eqIf(Prisma.sql`"resourceId"`, f.resourceId),
    f.actor ? Prisma.sql`("actorEmail" = ${f.actor} OR "actorId" = ${f.actor})` : undefined,
    ...timeRange(Prisma.sql`"createdAt"`, f.from, f.to),
  ]);
}

/** A project's audit rows, newest first. */
export async function listAuditRows(projectId: string, f: AuditFilter, page: { offset: number; limit: number }) {
  const where = auditWhere(projectId, f);
  const [rows, [count]] = await Promise.all([
    prisma.$queryRaw<AuditRow[]>`SELECT * FROM "AuditLog" WHERE ${where} ORDER BY "seq" DESC OFFSET ${page.offset} LIMIT ${page.limit}`,
    prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "AuditLog" WHERE ${where}`,
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** A project's audit rows, newest first, `limit` at a time before `beforeSeq` (export pages). */
export async function pageAuditRows(projectId: string, f: AuditFilter, beforeSeq: bigint | null, limit: number): Promise<AuditRow[]> {
  const where = auditWhere(projectId, f);
  const cursor = beforeSeq === null ? Prisma.sql`TRUE` : Prisma.sql`"seq" < ${beforeSeq}`;
  return prisma.$queryRaw<AuditRow[]>`SELECT * FROM "AuditLog" WHERE ${where} AND ${cursor} ORDER BY "seq" DESC LIMIT ${limit}`;
}

/**
 * Deletes up to `limit` of the oldest rows written before `cutoff`; returns how many went. Only a prefix
 * of the chain goes (rows before the first one at or after the cutoff), so what is kept stays one
 * unbroken chain anchored by its oldest row's prevHash.
 */
export async function deleteAuditRowsBefore(cutoff: Date, limit: number): Promise<number> {
  return prisma.$executeRaw`
    DELETE FROM "AuditLog" WHERE "seq" IN (
      SELECT "seq" FROM "AuditLog"
      WHERE "seq" < COALESCE((SELECT min("seq") FROM "AuditLog" WHERE "createdAt" >= ${cutoff}), 9223372036854775807)
      ORDER BY "seq" LIMIT ${limit})`;
}

import type { AuditHashedContent } from "@loupe/domain";
import { type Tx, prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { eqIf, jsonb, timeRange, whereAll } from "./sql.ts";

/** A row's hashed content as stored (the domain's `AuditHashedContent`, with its time as a Date). */
export type AuditRowContent = Omit<AuditHashedContent, "createdAt"> & { createdAt: Date };
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

/** Whose rows a reader sees: one project's, or an organization's. */
export type AuditScope = { projectId: string } | { organizationId: string };

/**
 * An organization's rows: those recorded for it or for one of its projects (deleted ones too: their
 * history stays the org's), and sign-ins of its members, which belong to no project or organization
 * (a failed one by the e-mail typed, so an admin sees attempts on a member's account).
 */
function scopeWhere(scope: AuditScope): Prisma.Sql {
  if ("projectId" in scope) return Prisma.sql`"projectId" = ${scope.projectId}`;
  const org = scope.organizationId;
  return Prisma.sql`("organizationId" = ${org}
    OR "projectId" IN (SELECT "id" FROM "Project" WHERE "organizationId" = ${org})
    OR ("action" IN ('auth.signIn', 'auth.signInFailed') AND (
      "actorId" IN (SELECT "userId" FROM "OrganizationMembership" WHERE "organizationId" = ${org})
      OR lower("actorEmail") IN (SELECT lower(u."email") FROM "User" u JOIN "OrganizationMembership" m ON m."userId" = u."id"
        WHERE m."organizationId" = ${org}))))`;
}

/** True when the row `id` is in `scope` (false also when there is no such row). */
export async function auditRowInScope(scope: AuditScope, id: string): Promise<boolean> {
  const rows = await prisma.$queryRaw<unknown[]>`SELECT 1 FROM "AuditLog" WHERE "id" = ${id} AND ${scopeWhere(scope)}`;
  return rows.length > 0;
}

export type AuditFilter = {
  action?: string;
  actor?: string;
  resourceType?: string;
  resourceId?: string;
  from?: string;
  to?: string;
};

function auditWhere(scope: AuditScope, f: AuditFilter): Prisma.Sql {
  return whereAll([
    scopeWhere(scope),
    eqIf(Prisma.sql`"action"`, f.action),
    eqIf(Prisma.sql`"resourceType"`, f.resourceType),
    eqIf(Prisma.sql`"resourceId"`, f.resourceId),
    f.actor ? Prisma.sql`("actorEmail" = ${f.actor} OR "actorId" = ${f.actor})` : undefined,
    ...timeRange(Prisma.sql`"createdAt"`, f.from, f.to),
  ]);
}

/** A project's or an organization's audit rows, newest first. */
export async function listAuditRows(scope: AuditScope, f: AuditFilter, page: { offset: number; limit: number }) {
  const where = auditWhere(scope, f);
  const [rows, [count]] = await Promise.all([
    prisma.$queryRaw<AuditRow[]>`SELECT * FROM "AuditLog" WHERE ${where} ORDER BY "seq" DESC OFFSET ${page.offset} LIMIT ${page.limit}`,
    prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "AuditLog" WHERE ${where}`,
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** A scope's audit rows, newest first, `limit` at a time before `beforeSeq` (export pages). */
export async function pageAuditRows(scope: AuditScope, f: AuditFilter, beforeSeq: bigint | null, limit: number): Promise<AuditRow[]> {
  const where = auditWhere(scope, f);
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

import { type Tx, prisma } from "../client.ts";

/**
 * Serialises writers of the same entities for the rest of the transaction. Keys are hashed and
 * locked in a fixed order, so two transactions locking overlapping sets cannot deadlock.
 */
export async function lockEntities(tx: Tx, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.$queryRaw`
    SELECT count(pg_advisory_xact_lock(h))::int AS locked FROM (
      SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(${keys}::text[]) AS k ORDER BY 1
    ) AS locks`;
}

/** The lock key of one entity; the merge and every other writer of that entity use the same key. */
export function entityLockKey(projectId: string, kind: "trace" | "observation", id: string): string {
  return `${projectId}:${kind}:${id}`;
}

/**
 * Runs `work` unless another process holds the lock `key` (then returns `{ ran: false }` at once).
 * The lock is a transaction-scoped advisory lock, so it is released when the work ends or its
 * process dies: a killed holder never blocks the others.
 */
export async function runExclusively<T>(key: string, work: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
  return prisma.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) AS locked`;
      if (!row?.locked) return { ran: false as const };
      return { ran: true as const, result: await work() };
    },
    { timeout: 300_000, maxWait: 10_000 },
  );
}

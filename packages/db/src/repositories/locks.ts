import type { Tx } from "../client.ts";

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

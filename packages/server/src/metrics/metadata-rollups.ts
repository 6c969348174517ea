import { createHash } from "node:crypto";
import { metadataKeyOf } from "@loupe/contracts";
import { enableMetadataRollup, metadataKeysAwaitingRollup, metadataRollupReady, QueryInputError, runExclusively } from "@loupe/db";
import { enqueueUnlessLive, readJobsEnv } from "@loupe/jobs";
import { logger } from "../logger.ts";

// Breakdowns by `metadata.<key>` are fast once the key is rolled up (packages/db rollups). Building a
// key's rollup reads every observation of the project, so it is the worker's job ("rollups.metadata-key"):
// the web process only asks for it. Until it is built the queries scan raw rows (correct, slower).

/** One job per project × key (BullMQ ids may not hold `:`, keys may hold anything: hashed). */
export const metadataRollupJobId = (projectId: string, key: string) =>
  `metadata-rollup-${createHash("sha256").update(`${projectId}\u0000${key}`).digest("hex").slice(0, 40)}`;

/**
 * Asks the worker to roll up a metadata key of the project, unless it is built already or a job for it
 * will still run. Returns whether a job was added.
 */
export async function requestMetadataRollup(projectId: string, key: string): Promise<boolean> {
  if (await metadataRollupReady(projectId, key)) return false;
  return enqueueUnlessLive("rollups.metadata-key", { projectId, key }, metadataRollupJobId(projectId, key));
}

/**
 * The job: registers the key and builds its rollup from the stored rows (again after an interrupted
 * build; nothing when built). A key the project may not roll up (over the limit of keys, not a key) is
 * an outcome, not a failure to retry.
 */
export async function buildMetadataRollup(projectId: string, key: string): Promise<{ outcome: "built" | "ready" | "refused" }> {
  if (metadataKeyOf(`metadata.${key}`) !== key) return { outcome: "refused" };
  if (await metadataRollupReady(projectId, key)) return { outcome: "ready" };
  try {
    await enableMetadataRollup(projectId, key);
    return { outcome: "built" };
  } catch (error) {
    if (!(error instanceof QueryInputError)) throw error;
    logger.warn({ projectId, key, reason: error.message }, "metadata key not rolled up; its breakdowns scan raw rows");
    return { outcome: "refused" };
  }
}

/** Asks again for the keys saved widgets need and no job will build: returns how many jobs it added. */
export async function sweepMetadataRollups(): Promise<number> {
  let added = 0;
  for (const { projectId, key } of await metadataKeysAwaitingRollup()) {
    if (await enqueueUnlessLive("rollups.metadata-key", { projectId, key }, metadataRollupJobId(projectId, key))) added++;
  }
  return added;
}

export function runMetadataRollupSweep(): Promise<{ ran: true; result: number } | { ran: false }> {
  return runExclusively(`loupe:metadata-rollup-sweep:${readJobsEnv().LOUPE_QUEUE_PREFIX}`, () => sweepMetadataRollups());
}

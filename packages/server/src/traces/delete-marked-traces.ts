import { deleteTracesCascade, projectsWithTracesMarkedBefore, runExclusively, tracesMarkedForDeletion } from "@loupe/db";
import { enqueueUnlessLive, readJobsEnv } from "@loupe/jobs";

/** Traces per delete transaction: each holds the traces' entity locks, so ingestion waits for one batch at most. */
const TRACE_DELETE_BATCH = 500;

/**
 * The `traces.delete` job: removes the project's traces marked by a bulk delete, with their observations
 * and scores, one batch per transaction until none is left. Safe to run twice or concurrently (a batch
 * another run deleted first deletes nothing).
 */
export async function deleteMarkedTraces(projectId: string, batchSize = TRACE_DELETE_BATCH): Promise<{ deleted: number; batches: number }> {
  let deleted = 0;
  let batches = 0;
  for (;;) {
    const ids = await tracesMarkedForDeletion(projectId, batchSize);
    if (ids.length === 0) return { deleted, batches };
    deleted += await deleteTracesCascade(projectId, ids);
    batches++;
  }
}

/** Traces marked this long ago and still there lost their job (Redis down at the request, or restarted empty). */
const STALE_MARK_MS = 5 * 60_000;

/** Enqueues `traces.delete` again for projects whose marked traces outlived their job; on the worker's sweep timer. */
export async function sweepMarkedTraces(olderThanMs = STALE_MARK_MS): Promise<number> {
  const projects = await projectsWithTracesMarkedBefore(new Date(Date.now() - olderThanMs), 100);
  const added = await Promise.all(
    projects.map((projectId) => enqueueUnlessLive("traces.delete", { projectId }, `traces-delete-${projectId}`)),
  );
  return added.filter(Boolean).length;
}

export async function runMarkedTracesSweep(): Promise<{ ran: true; result: number } | { ran: false }> {
  return runExclusively(`loupe:trace-delete-sweep:${readJobsEnv().LOUPE_QUEUE_PREFIX}`, () => sweepMarkedTraces());
}

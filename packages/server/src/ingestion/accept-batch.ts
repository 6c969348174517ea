import type { TAcceptedEvent, TEventOutcome } from "@loupe/contracts";
import { type IngestionSource, insertSerializedIngestionBatch } from "@loupe/db";
import { sanitizeJson, validateIngestionBatch } from "@loupe/domain";
import { enqueue } from "@loupe/jobs";
import type { z } from "zod";
import type { ApiKeyScope } from "../auth/api-keys.ts";
import { logger } from "../logger.ts";
import { maskEventBodies } from "../projects/masking.ts";

/** What became of a batch: refused whole (not a batch envelope), or one outcome per event. */
export type AcceptBatchResult = { ok: false; issues: z.core.$ZodIssue[] } | { ok: true; outcomes: TEventOutcome[] };

/**
 * The request path of POST /api/public/ingestion: validate each event on its own, write the valid
 * ones durably in one row and enqueue their processing. Merging happens on the worker.
 */
export async function acceptIngestionBatch(
  input: { projectId: string; scope: ApiKeyScope; requestId?: string },
  payload: unknown,
): Promise<AcceptBatchResult> {
  const validated = validateIngestionBatch(payload, input.scope === "scores");
  if (!validated.ok) return validated;
  logSdkLogEvents(input, validated.outcomes);
  await storeAndEnqueue(input.projectId, "ingestion", validated.accepted, input.requestId);
  return { ok: true, outcomes: validated.outcomes };
}

/** SDK log events are answered and not stored: they are only worth a debug line. */
export function logSdkLogEvents(input: { projectId: string; requestId?: string }, outcomes: TEventOutcome[]): void {
  for (const o of outcomes)
    if (o.outcome === "logged") logger.debug({ requestId: input.requestId, projectId: input.projectId }, "sdk-log event received");
}

/**
 * The shared write path of every ingestion edge (batch API, OTLP): one durable row holding the
 * validated events, then a processing job. Nothing to do for an empty list.
 */
export async function storeAndEnqueue(
  projectId: string,
  source: IngestionSource,
  events: TAcceptedEvent[],
  requestId?: string,
): Promise<void> {
  if (events.length === 0) return;
  // Masking happens before the first write: unmasked PII is never stored, not even in the raw batch.
  const masked = await maskEventBodies(projectId, events.map(sanitizeJson));
  const batchId = await insertSerializedIngestionBatch({
    projectId,
    source,
    eventsJson: JSON.stringify(masked),
    eventCount: masked.length,
  });
  await enqueueProcessing(projectId, batchId, { requestId });
}

/**
 * The batch is already durable, so a queue outage must not fail the request: the worker's sweep
 * re-enqueues stored batches that have no job. The job id is the batch id, so the sweep and this
 * path never queue one batch twice.
 */
export async function enqueueProcessing(projectId: string, batchId: string, options: { requestId?: string } = {}): Promise<void> {
  try {
    await enqueue("ingestion.process", { projectId, batchId }, { jobId: batchId });
  } catch (error) {
    logger.warn(
      { requestId: options.requestId, projectId, batchId, err: (error as Error).message },
      "could not enqueue ingestion batch; the sweep will pick it up",
    );
  }
}

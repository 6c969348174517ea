import {
  INGESTION_EVENT_TYPES,
  type IngestionEventType,
  type TAcceptedEvent,
  type TIngestionError,
  type TIngestionResponse,
  ZIngestionEnvelope,
  parseIngestionEvent,
} from "@loupe/contracts";
import { type IngestionSource, insertIngestionBatch } from "@loupe/db";
import { sanitizeJson } from "@loupe/domain";
import { enqueue } from "@loupe/jobs";
import type { ApiKeyScope } from "../auth/api-keys.ts";
import { maskEventBodies } from "../projects/masking.ts";
import { logger } from "../logger.ts";

export type AcceptBatchResult = { status: 207; body: TIngestionResponse } | { status: 400; body: { message: string; errors: unknown } };

/**
 * The request path of POST /api/public/ingestion: validate each event on its own, write the valid
 * ones durably in one row, enqueue their processing and answer 207. Merging happens on the worker.
 */
export async function acceptIngestionBatch(
  input: { projectId: string; scope: ApiKeyScope; requestId?: string },
  payload: unknown,
): Promise<AcceptBatchResult> {
  const envelope = ZIngestionEnvelope.safeParse(payload);
  if (!envelope.success) {
    return { status: 400, body: { message: "Invalid request data", errors: envelope.error.issues } };
  }
  const accepted: TAcceptedEvent[] = [];
  const errors: TIngestionError[] = [];
  for (const raw of envelope.data.batch) {
    const parsed = parseIngestionEvent(raw);
    if (!parsed.ok) {
      errors.push({ id: parsed.id, status: 400, message: parsed.message, error: parsed.details });
      continue;
    }
    const { event } = parsed;
    const kind = INGESTION_EVENT_TYPES[event.type as IngestionEventType].kind;
    if (input.scope === "scores" && kind !== "score" && kind !== "log") {
      errors.push({ id: event.id, status: 401, message: "Authentication error", error: "Access Scope Denied" });
      continue;
    }
    if (kind === "log") {
      logger.debug({ requestId: input.requestId, projectId: input.projectId }, "sdk-log event received");
      continue;
    }
    accepted.push(event);
  }
  await storeAndEnqueue(input.projectId, "ingestion", accepted, input.requestId);
  return {
    status: 207,
    body: { successes: accepted.map((e) => ({ id: e.id, status: 201 })), errors },
  };
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
  const batchId = await insertIngestionBatch({ projectId, source, events: masked });
  await enqueueProcessing(projectId, batchId, { requestId });
}

/**
 * The batch is already durable, so a queue outage must not fail the request: the worker's sweep
 * re-enqueues stored batches that were never processed.
 */
export async function enqueueProcessing(
  projectId: string,
  batchId: string,
  options: { requestId?: string; jobId?: string } = {},
): Promise<void> {
  const { requestId, jobId = batchId } = options;
  try {
    await enqueue("ingestion.process", { projectId, batchId }, { jobId });
  } catch (error) {
    logger.warn(
      { requestId, projectId, batchId, err: (error as Error).message },
      "could not enqueue ingestion batch; the sweep will pick it up",
    );
  }
}

import type { IncomingMessage } from "node:http";
import { ingestionResponseBody, type TEventOutcome } from "@loupe/contracts";
import { acceptIngestionBatch, type ApiKeyScope, enqueueProcessing, logger, logSdkLogEvents, maskingRulesFor } from "@loupe/server";
import { publicApiEnv } from "./env";
import { ingestionPool } from "./ingestion-pool";
import { authenticateApiKey, jsonAnswer, type PublicAnswer, publicErrorBody } from "./public-api";
import { BodyRefused, discardRequestBody, parseJsonBody, readBodyBytes } from "./read-body";
import { countIngestionEvents } from "./web-metrics";

/** The keys that may send events: project keys, and score-only keys (their events are checked per type). */
export const INGESTION_SCOPES: ApiKeyScope[] = ["project", "scores"];
/** The 401 body names the error as Langfuse's ingestion endpoint does (the SDKs log it). */
export const INGESTION_AUTH_ERROR = "UnauthorizedError";

/**
 * `POST /api/public/ingestion` once the caller and the body are known: the batch stored durably, one
 * outcome per event (207), or 400 for a body that is not a batch. The route file and the Node server
 * both answer through this.
 */
export async function answerIngestionBatch(
  auth: { projectId: string; scope: ApiKeyScope },
  body: unknown,
  requestId: string,
): Promise<PublicAnswer> {
  const result = await acceptIngestionBatch({ projectId: auth.projectId, scope: auth.scope, requestId }, body);
  if (!result.ok) return notABatch(result.issues);
  return batchAnswer(result.outcomes);
}

const notABatch = (issues: unknown[]) => jsonAnswer({ message: "Invalid request data", errors: issues }, 400);

function batchAnswer(outcomes: TEventOutcome[]): PublicAnswer {
  const accepted = outcomes.filter((o) => o.outcome === "stored").length;
  countIngestionEvents("ingestion", { accepted, rejected: outcomes.length - accepted });
  return jsonAnswer(ingestionResponseBody(outcomes), 207);
}

const refusedBody = (error: BodyRefused): PublicAnswer => jsonAnswer(publicErrorBody(error.message), error.status);

/**
 * A body past the limit is read to its end and dropped before the 413 goes out: HTTP clients (fetch, the
 * SDKs, Playwright) write the whole body before they read, so answering and closing mid-body gave them a
 * broken pipe instead of the 413. Bounded in bytes and time, so a sender of gigabytes is cut off.
 */
async function tooLargeAnswer(req: IncomingMessage, error: BodyRefused, maxBytes: number): Promise<PublicAnswer> {
  const drained = await discardRequestBody(req, DISCARD_FACTOR * maxBytes, DISCARD_MS);
  const answer = refusedBody(error);
  return drained ? answer : { ...answer, headers: { connection: "close" } };
}
const DISCARD_FACTOR = 4;
const DISCARD_MS = 10_000;

/**
 * The whole request on the Node server (ADR 0005): the same steps and order as defineRoute (the key,
 * then the body within LOUPE_INGESTION_MAX_BODY_BYTES, then the batch), without Next's per-request work.
 * Parsing, checking, masking, serialising and the INSERT run on an ingestion thread; this event loop only
 * reads the body, enqueues the stored batch and answers.
 */
export async function answerIngestionRequest(req: IncomingMessage, requestId: string): Promise<PublicAnswer> {
  const authenticated = await authenticateApiKey(req.headers.authorization, INGESTION_SCOPES, INGESTION_AUTH_ERROR);
  if (!authenticated.ok) return authenticated.answer;
  const { auth } = authenticated;
  let bytes: Buffer;
  const maxBytes = publicApiEnv().LOUPE_INGESTION_MAX_BODY_BYTES;
  try {
    // Not destroyed on an early stop: the rest is discarded and the 413 still has to reach the client.
    const chunks = req.iterator({ destroyOnReturn: false });
    bytes = await readBodyBytes(chunks, req.headers["content-length"], maxBytes);
  } catch (error) {
    if (error instanceof BodyRefused) return error.status === 413 ? tooLargeAnswer(req, error, maxBytes) : refusedBody(error);
    throw error;
  }
  const pool = ingestionPool();
  if (!pool) {
    let body: unknown;
    try {
      body = parseJsonBody(bytes);
    } catch (error) {
      if (error instanceof BodyRefused) return refusedBody(error);
      throw error;
    }
    return answerIngestionBatch(auth, body, requestId);
  }
  const masking = await maskingRulesFor(auth.projectId);
  // A body that owns its memory moves to the thread instead of being copied (small ones share Node's pool).
  const movable = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const input = { projectId: auth.projectId, bytes, scoresOnly: auth.scope === "scores", masking };
  const prepared = await pool.run(input, movable ? { transferList: [bytes.buffer as ArrayBuffer] } : {});
  if (prepared.kind === "refused") return refusedBody(new BodyRefused(prepared.status, prepared.message));
  if (prepared.kind === "notBatch") return notABatch(prepared.issues);
  for (const eventId of prepared.overBudget)
    logger.warn({ projectId: auth.projectId, eventId }, "masking ran out of its time budget; unmasked fields were redacted");
  logSdkLogEvents({ projectId: auth.projectId, requestId }, prepared.outcomes);
  if (prepared.batchId) await enqueueProcessing(auth.projectId, prepared.batchId, { requestId });
  return batchAnswer(prepared.outcomes);
}

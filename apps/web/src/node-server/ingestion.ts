import type { IncomingMessage } from "node:http";
import { ingestionResponseBody } from "@loupe/contracts";
import { acceptIngestionBatch, type ApiKeyScope } from "@loupe/server";
import { publicApiEnv } from "./env";
import { authenticateApiKey, jsonAnswer, type PublicAnswer, publicErrorBody } from "./public-api";
import { BodyRefused, parseJsonBody, readBodyBytes } from "./read-body";
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
  if (!result.ok) return jsonAnswer({ message: "Invalid request data", errors: result.issues }, 400);
  const accepted = result.outcomes.filter((o) => o.outcome === "stored").length;
  countIngestionEvents("ingestion", { accepted, rejected: result.outcomes.length - accepted });
  return jsonAnswer(ingestionResponseBody(result.outcomes), 207);
}

/**
 * The whole request on the Node server (ADR 0005): the same steps and order as defineRoute (the key,
 * then the body within LOUPE_INGESTION_MAX_BODY_BYTES, then the batch), without Next's per-request work.
 */
export async function answerIngestionRequest(req: IncomingMessage, requestId: string): Promise<PublicAnswer> {
  const authenticated = await authenticateApiKey(req.headers.authorization, INGESTION_SCOPES, INGESTION_AUTH_ERROR);
  if (!authenticated.ok) return authenticated.answer;
  let body: unknown;
  try {
    // Not destroyed on an early stop: the 413 still has to reach the client (the connection closes after it).
    const chunks = req.iterator({ destroyOnReturn: false });
    body = parseJsonBody(await readBodyBytes(chunks, req.headers["content-length"], publicApiEnv().LOUPE_INGESTION_MAX_BODY_BYTES));
  } catch (error) {
    if (!(error instanceof BodyRefused)) throw error;
    const answer = jsonAnswer(publicErrorBody(error.message), error.status);
    return error.status === 413 ? { ...answer, headers: { connection: "close" } } : answer;
  }
  return answerIngestionBatch(authenticated.auth, body, requestId);
}

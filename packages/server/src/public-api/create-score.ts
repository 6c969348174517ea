import { randomUUID } from "node:crypto";
import type { TCreateScoreBody, TCreateScoreResponse, TScoreEvent } from "@loupe/contracts";
import { storeAndEnqueue } from "../ingestion/accept-batch.ts";

/**
 * POST /api/public/scores. The route has parsed the body with the score-create schema; the score
 * takes the same durable path as a `score-create` ingestion event (stored batch → queue → worker
 * merge), so there is one write path and one set of merge rules for scores; like Langfuse, it is
 * readable a moment later, not in this response.
 */
export async function createPublicScore(
  input: { projectId: string; requestId?: string },
  body: TCreateScoreBody,
): Promise<TCreateScoreResponse> {
  const id = body.id ?? randomUUID();
  const event: TScoreEvent = { id: randomUUID(), type: "score-create", timestamp: new Date().toISOString(), body: { ...body, id } };
  await storeAndEnqueue(input.projectId, "ingestion", [event], input.requestId);
  return { id };
}

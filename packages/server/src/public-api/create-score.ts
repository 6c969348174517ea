import { randomUUID } from "node:crypto";
import type { TCreateScoreBody, TCreateScoreResponse } from "@loupe/contracts";
import type { ApiKeyScope } from "../auth/api-keys.ts";
import { badRequest } from "../errors.ts";
import { acceptIngestionBatch } from "../ingestion/accept-batch.ts";

/**
 * POST /api/public/scores. The score goes through the same durable path as a `score-create`
 * ingestion event (stored batch → queue → worker merge), so there is one write path and one set of
 * merge rules for scores; like Langfuse, it is readable a moment later, not in this response.
 */
export async function createPublicScore(
  input: { projectId: string; scope: ApiKeyScope; requestId?: string },
  body: TCreateScoreBody,
): Promise<TCreateScoreResponse> {
  const id = body.id ?? randomUUID();
  const event = { id: randomUUID(), type: "score-create", timestamp: new Date().toISOString(), body: { ...body, id } };
  const result = await acceptIngestionBatch(input, { batch: [event] });
  const error = result.status === 207 ? result.body.errors[0] : { message: result.body.message };
  if (error) throw badRequest(`Invalid score: ${error.message}`);
  return { id };
}

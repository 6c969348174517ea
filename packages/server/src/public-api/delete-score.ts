import type { TMessageResponse } from "@loupe/contracts";
import { deleteScore } from "@loupe/db";
import { notFoundInProject } from "../errors.ts";

/** DELETE /api/public/scores/{scoreId}: deleted at once (Langfuse queues it; the answer is the same). */
export async function deletePublicScore(projectId: string, scoreId: string): Promise<TMessageResponse> {
  if (!(await deleteScore(projectId, scoreId))) throw notFoundInProject("Score", scoreId);
  return { message: "Score deletion queued successfully" };
}

import type { TMessageResponse } from "@loupe/contracts";
import { deleteTracesCascade } from "@loupe/db";

/**
 * DELETE /api/public/traces[/{traceId}]: removes the traces with their observations and scores. Like
 * Langfuse, deleting an id that does not exist (or belongs to another project) is not an error.
 */
export async function deletePublicTraces(projectId: string, traceIds: string[]): Promise<TMessageResponse> {
  await deleteTracesCascade(projectId, traceIds);
  return { message: traceIds.length === 1 ? "Trace deleted successfully" : "Traces deleted successfully" };
}

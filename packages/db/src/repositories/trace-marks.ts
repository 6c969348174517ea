import { prisma } from "../client.ts";

/**
 * Sets a trace's bookmark and/or tags from the trace view; null when the project has no such trace.
 * Tags an SDK sends later replace these, as Langfuse does (the merge owns the field's history).
 */
export async function updateTraceMarks(
  projectId: string,
  traceId: string,
  marks: { bookmarked?: boolean; tags?: string[] },
): Promise<{ id: string; bookmarked: boolean; tags: string[] } | null> {
  const { count } = await prisma.trace.updateMany({ where: { projectId, id: traceId }, data: marks });
  if (count === 0) return null;
  return prisma.trace.findUnique({
    where: { projectId_id: { projectId, id: traceId } },
    select: { id: true, bookmarked: true, tags: true },
  });
}

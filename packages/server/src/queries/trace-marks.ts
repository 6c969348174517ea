import type { TTraceMarksBody, TTraceMarksResponse } from "@loupe/contracts";
import { updateTraceMarks } from "@loupe/db";
import { notFound } from "../errors.ts";
import { requireProjectAccess } from "../projects/accounts.ts";

type Actor = { userId: string; projectId: string };

/** Bookmarks or re-tags a trace (MEMBER and up); tags keep their order, duplicates dropped. */
export async function setTraceMarks(actor: Actor, traceId: string, body: TTraceMarksBody): Promise<TTraceMarksResponse> {
  await requireProjectAccess(actor.userId, actor.projectId, "project:write");
  const marks = { bookmarked: body.bookmarked, tags: body.tags ? [...new Set(body.tags)] : undefined };
  const updated = await updateTraceMarks(actor.projectId, traceId, marks);
  if (!updated) throw notFound("Trace");
  return updated;
}

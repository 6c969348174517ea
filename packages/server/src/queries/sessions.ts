import type {
  TSessionDetailQuery,
  TSessionDetailResponse,
  TSessionListQuery,
  TSessionListResponse,
  TSessionSummary,
} from "@loupe/contracts";
import { pageMeta } from "@loupe/contracts";
import { getSessionTotals, getTracePayloads, listSessions, type TraceGroupRow } from "@loupe/db";
import { notFound } from "../errors.ts";
import { listProjectTraces } from "./traces.ts";

const toSessionSummary = (r: TraceGroupRow): TSessionSummary => ({
  id: r.id,
  traceCount: r.traceCount,
  userIds: r.userIds,
  environment: r.environment,
  firstTraceAt: r.firstTraceAt.toISOString(),
  lastTraceAt: r.lastTraceAt.toISOString(),
  durationMs: r.durationMs,
  totalCost: r.totalCost,
  inputTokens: r.inputTokens,
  outputTokens: r.outputTokens,
  totalTokens: r.totalTokens,
});

export async function listProjectSessions(projectId: string, query: TSessionListQuery): Promise<TSessionListResponse> {
  const { rows, total } = await listSessions({ projectId, limit: query.limit, offset: (query.page - 1) * query.limit });
  return { data: rows.map(toSessionSummary), meta: pageMeta(query, total) };
}

/** A session's totals and one page of its turns (traces oldest first, with their input and output). */
export async function getSessionDetail(projectId: string, sessionId: string, query: TSessionDetailQuery): Promise<TSessionDetailResponse> {
  const [totals, turns] = await Promise.all([
    getSessionTotals(projectId, sessionId),
    listProjectTraces(projectId, query, { sessionId, order: "asc" }),
  ]);
  if (!totals) throw notFound("Session");
  const payloads = new Map(
    (
      await getTracePayloads(
        projectId,
        turns.data.map((t) => t.id),
      )
    ).map((p) => [p.id, p]),
  );
  return {
    session: toSessionSummary(totals),
    turns: {
      data: turns.data.map((t) => ({ ...t, input: payloads.get(t.id)?.input ?? null, output: payloads.get(t.id)?.output ?? null })),
      meta: turns.meta,
    },
  };
}

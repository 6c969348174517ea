import type {
  TSessionDetailQuery,
  TSessionDetailResponse,
  TSessionListQuery,
  TSessionListResponse,
  TSessionSummary,
} from "@loupe/contracts";
import { pageMeta, type TTraceScoreAggregate } from "@loupe/contracts";
import {
  getSessionTotals,
  getTracePayloads,
  listSessionScoreAggregates,
  listSessions,
  type TraceGroupFilter,
  type TraceGroupRow,
} from "@loupe/db";
import { notFound } from "../errors.ts";
import { traceGroupFilter, traceGroupPage } from "./trace-group-query.ts";
import { listProjectTraces } from "./traces.ts";

export const toSessionSummary = (r: TraceGroupRow, scores: TTraceScoreAggregate[]): TSessionSummary => ({
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
  scores,
});

/** Session-level scores per session id, in the shape of the traces table's Scores column. */
async function sessionScores(projectId: string, ids: string[]): Promise<Map<string, TTraceScoreAggregate[]>> {
  const byId = new Map<string, TTraceScoreAggregate[]>();
  for (const { groupId, ...score } of await listSessionScoreAggregates(projectId, ids)) {
    byId.set(groupId, [...(byId.get(groupId) ?? []), score]);
  }
  return byId;
}

/** The sessions list's filters: the groups' own, a user, and a score given to the session. */
export const sessionFilter = (query: TSessionListQuery): TraceGroupFilter => ({
  ...traceGroupFilter(query),
  userId: query.userId,
  score:
    query.scoreName && query.scoreOperator && query.scoreValue
      ? { name: query.scoreName, operator: query.scoreOperator, value: query.scoreValue }
      : undefined,
});

export async function listProjectSessions(projectId: string, query: TSessionListQuery): Promise<TSessionListResponse> {
  const { rows, total } = await listSessions({ projectId, ...traceGroupPage(query), filter: sessionFilter(query) });
  const scores = await sessionScores(
    projectId,
    rows.map((r) => r.id),
  );
  return { data: rows.map((r) => toSessionSummary(r, scores.get(r.id) ?? [])), meta: pageMeta(query, total) };
}

/** A session's totals and one page of its turns (traces oldest first, with their input and output). */
export async function getSessionDetail(projectId: string, sessionId: string, query: TSessionDetailQuery): Promise<TSessionDetailResponse> {
  const [totals, turns, scores] = await Promise.all([
    getSessionTotals(projectId, sessionId),
    listProjectTraces(projectId, query, { sessionId, order: "asc" }),
    sessionScores(projectId, [sessionId]),
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
    session: toSessionSummary(totals, scores.get(sessionId) ?? []),
    turns: {
      data: turns.data.map((t) => ({ ...t, input: payloads.get(t.id)?.input ?? null, output: payloads.get(t.id)?.output ?? null })),
      meta: turns.meta,
    },
  };
}

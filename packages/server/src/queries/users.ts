import type { TUserDetailQuery, TUserDetailResponse, TUserListQuery, TUserListResponse, TUserSummary } from "@loupe/contracts";
import { pageMeta } from "@loupe/contracts";
import { getTraceUserTotals, listTraceUsers, type TraceGroupRow } from "@loupe/db";
import { notFound } from "../errors.ts";
import { traceGroupFilter, traceGroupPage } from "./trace-group-query.ts";
import { listProjectTraces } from "./traces.ts";

export const toUserSummary = (r: TraceGroupRow): TUserSummary => ({
  id: r.id,
  traceCount: r.traceCount,
  sessionCount: r.sessionCount,
  firstSeenAt: r.firstTraceAt.toISOString(),
  lastSeenAt: r.lastTraceAt.toISOString(),
  totalCost: r.totalCost,
  inputTokens: r.inputTokens,
  outputTokens: r.outputTokens,
  totalTokens: r.totalTokens,
});

export async function listProjectUsers(projectId: string, query: TUserListQuery): Promise<TUserListResponse> {
  const { rows, total } = await listTraceUsers({ projectId, ...traceGroupPage(query), filter: traceGroupFilter(query) });
  return { data: rows.map(toUserSummary), meta: pageMeta(query, total) };
}

/** One end user's totals and a page of their traces, newest first. */
export async function getUserDetail(projectId: string, userId: string, query: TUserDetailQuery): Promise<TUserDetailResponse> {
  const [totals, traces] = await Promise.all([getTraceUserTotals(projectId, userId), listProjectTraces(projectId, query, { userId })]);
  if (!totals) throw notFound("User");
  return { user: toUserSummary(totals), traces };
}

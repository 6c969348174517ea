import type {
  ObservationLevel,
  ObservationType,
  TObservationPayloadResponse,
  TTraceDetailResponse,
  TTraceListItem,
  TObservationListQuery,
  TObservationListResponse,
  TPageQuery,
  TTraceListQuery,
  TTraceListResponse,
  TTraceScoreAggregate,
  TTraceSearchResponse,
} from "@loupe/contracts";
import { listPageMeta, offsetOf } from "@loupe/contracts";
import {
  getObservation,
  findUserDisplayNames,
  getTrace,
  listTraceObservations,
  listObservations,
  listTraceScoreAggregates,
  listTraceScores,
  listTraces,
  searchTracePayloads,
  type TraceListFilter,
  type TraceListRow,
} from "@loupe/db";
import { notFound } from "../errors.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const asObject = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

const toTraceListItem = ({ highestLevel, ...r }: TraceListRow, scores: TTraceScoreAggregate[]): TTraceListItem => ({
  ...r,
  timestamp: r.timestamp.toISOString(),
  level: highestLevel as ObservationLevel,
  scores,
});

/** Enough ids for any trace the view keeps interactive; past it the view says "more". */
const SEARCH_LIMIT = 2000;

/**
 * Search inside one trace over inputs and outputs (names are matched in the browser, which has them):
 * 404 for a trace of another project or none.
 */
export async function searchTrace(projectId: string, traceId: string, q: string): Promise<TTraceSearchResponse> {
  if (!(await getTrace(projectId, traceId))) throw notFound("Trace");
  return searchTracePayloads(projectId, traceId, q, SEARCH_LIMIT);
}

/** A page of the project's traces (filtered, searched, sorted), or only one user's or one session's. */
export async function listProjectTraces(
  projectId: string,
  query: TPageQuery & Partial<TTraceListQuery>,
  scope: Pick<TraceListFilter, "userId" | "sessionId" | "order"> = {},
): Promise<TTraceListResponse> {
  const { page, limit, ...filter } = query;
  const { rows, ...count } = await listTraces({ ...filter, ...scope, projectId, limit, offset: offsetOf(query) });
  // Scores in a second query over the page's ids: the list query stays an index walk with LIMIT.
  const scores = new Map<string, TTraceScoreAggregate[]>();
  for (const { traceId, ...aggregate } of await listTraceScoreAggregates(
    projectId,
    rows.map((r) => r.id),
  )) {
    scores.set(traceId, [...(scores.get(traceId) ?? []), aggregate]);
  }
  return { data: rows.map((r) => toTraceListItem(r, scores.get(r.id) ?? [])), meta: listPageMeta(query, count) };
}

/** A page of the project's observations (generations unless the query names another type). */
export async function listProjectObservations(projectId: string, query: TObservationListQuery): Promise<TObservationListResponse> {
  const { page, limit, ...filter } = query;
  const { rows, ...count } = await listObservations({ ...filter, projectId, limit, offset: offsetOf(query) });
  return {
    data: rows.map((r) => ({
      ...r,
      type: r.type as ObservationType,
      level: r.level as ObservationLevel,
      startTime: r.startTime.toISOString(),
    })),
    meta: listPageMeta(query, count),
  };
}

export async function getTraceDetail(projectId: string, traceId: string): Promise<TTraceDetailResponse> {
  // The trace first: a batch commits a trace with its observations, so once the trace is read its
  // observations are too. Read side by side, a request racing that commit could see the trace
  // without them, and the page would show an empty tree that never fills.
  const trace = await getTrace(projectId, traceId);
  if (!trace) throw notFound("Trace");
  const [observations, scores] = await Promise.all([listTraceObservations(projectId, traceId), listTraceScores(projectId, traceId)]);
  const authors = await findUserDisplayNames([...new Set(scores.flatMap((s) => (s.authorUserId ? [s.authorUserId] : [])))]);
  return {
    id: trace.id,
    name: trace.name,
    timestamp: trace.timestamp.toISOString(),
    userId: trace.userId,
    sessionId: trace.sessionId,
    input: trace.input,
    output: trace.output,
    metadata: asObject(trace.metadata),
    tags: trace.tags,
    release: trace.release,
    version: trace.version,
    environment: trace.environment,
    public: trace.public,
    shareHidesIdentity: trace.shareHidesIdentity,
    bookmarked: trace.bookmarked,
    // The rollup the worker keeps with the observations (as the list reads it).
    latencyMs: trace.latencyMs,
    totalCost: num(trace.totalCost),
    totalTokens: trace.totalTokens,
    observations: observations.map((o) => ({
      ...o,
      type: o.type as ObservationType,
      level: o.level as ObservationLevel,
      startTime: o.startTime.toISOString(),
      endTime: iso(o.endTime),
      completionStartTime: iso(o.completionStartTime),
      modelParameters: o.modelParameters ? asObject(o.modelParameters) : null,
      usageDetails: o.usageDetails as Record<string, number>,
      costDetails: o.costDetails as Record<string, number>,
      totalCost: num(o.totalCost),
    })),
    scores: scores.map((s) => ({
      id: s.id,
      name: s.name,
      value: s.value,
      stringValue: s.stringValue,
      dataType: s.dataType,
      source: s.source,
      observationId: s.observationId,
      comment: s.comment,
      authorUserId: s.authorUserId,
      authorName: s.authorUserId ? (authors.get(s.authorUserId) ?? null) : null,
      timestamp: s.timestamp.toISOString(),
    })),
  };
}

export async function getObservationPayload(projectId: string, observationId: string): Promise<TObservationPayloadResponse> {
  const o = await getObservation(projectId, observationId);
  if (!o) throw notFound("Observation");
  return { id: o.id, input: o.input, output: o.output, metadata: asObject(o.metadata) };
}

import type { TTraceQuery, TTraceWithFullDetails } from "@loupe/contracts";
import { findObservations, findScores, findTraces } from "@loupe/db";
import { notFoundInProject } from "../errors.ts";
import { loadModelPrices, toObservationView, toPublicScore, toPublicTrace, tracePath } from "./dto.ts";

/** Observations of one trace are returned whole; this bounds a pathological trace. */
const MAX_TRACE_CHILDREN = 10_000;

/** GET /api/public/traces/{traceId}: the trace with its observations and scores as full objects. */
export async function getPublicTrace(projectId: string, traceId: string, query: TTraceQuery): Promise<TTraceWithFullDetails> {
  const { fields } = query;
  const include = { io: fields.has("io"), metrics: fields.has("metrics"), observations: false, scores: false };
  const [[trace], observations, scores] = await Promise.all([
    findTraces({ projectId, filter: { ids: [traceId] }, limit: 1, offset: 0, include }),
    fields.has("observations") ? findObservations({ projectId, filter: { traceId }, limit: MAX_TRACE_CHILDREN, order: "asc" }) : [],
    fields.has("scores") ? findScores({ projectId, filter: { traceId }, limit: MAX_TRACE_CHILDREN, offset: 0 }) : [],
  ]);
  if (!trace) throw notFoundInProject("Trace", traceId);
  const prices = await loadModelPrices(
    projectId,
    observations.map((o) => o.matchedModelId),
  );
  return {
    ...toPublicTrace(projectId, trace, include.io),
    htmlPath: tracePath(projectId, trace.id),
    latency: include.metrics ? (trace.latency ?? null) : -1,
    totalCost: include.metrics ? (trace.totalCost ?? null) : -1,
    observations: observations.map((o) => toObservationView(projectId, o, prices)),
    scores: scores.map((s) => toPublicScore(s)),
  };
}

import { pageMeta, type TTracesQuery, type TTracesResponse, offsetOf } from "@loupe/contracts";
import { countTraces, findTraces } from "@loupe/db";
import { rejectInvalidQuery } from "../errors.ts";
import { toPublicTrace, tracePath } from "./dto.ts";
import { applyFilterParam } from "./filter-params.ts";

/** GET /api/public/traces: filtered, ordered (default newest first), with the requested field groups. */
export async function listPublicTraces(projectId: string, query: TTracesQuery): Promise<TTracesResponse> {
  const { page, limit, orderBy, fields, ...params } = query;
  const filter = applyFilterParam(params, { fromTimestamp: "timestamp", toTimestamp: "timestamp" });
  const include = {
    io: fields.has("io"),
    metrics: fields.has("metrics"),
    observations: fields.has("observations"),
    scores: fields.has("scores"),
  };
  const [rows, total] = await rejectInvalidQuery(() =>
    Promise.all([findTraces({ projectId, filter, limit, offset: offsetOf(query), orderBy, include }), countTraces(projectId, filter)]),
  );
  return {
    data: rows.map((r) => ({
      ...toPublicTrace(projectId, r, include.io),
      htmlPath: tracePath(projectId, r.id),
      latency: include.metrics ? (r.latency ?? null) : -1,
      totalCost: include.metrics ? (r.totalCost ?? null) : -1,
      observations: r.observationIds ?? [],
      scores: r.scoreIds ?? [],
    })),
    meta: pageMeta(query, total),
  };
}

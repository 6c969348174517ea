import { pageMeta, type TObservationsQuery, type TObservationsResponse, offsetOf } from "@loupe/contracts";
import { countObservations, findObservations } from "@loupe/db";
import { rejectInvalidQuery } from "../errors.ts";
import { loadModelPrices, toObservationView } from "./dto.ts";
import { OBSERVATION_PARAM_COLUMNS, applyFilterParam } from "./filter-params.ts";

/** GET /api/public/observations (v1): offset pages, newest first. */
export async function listPublicObservations(projectId: string, query: TObservationsQuery): Promise<TObservationsResponse> {
  const { page, limit, ...params } = query;
  const filter = applyFilterParam(params, OBSERVATION_PARAM_COLUMNS);
  const [rows, total] = await rejectInvalidQuery(() =>
    Promise.all([findObservations({ projectId, filter, limit, offset: offsetOf(query) }), countObservations(projectId, filter)]),
  );
  const prices = await loadModelPrices(
    projectId,
    rows.map((r) => r.matchedModelId),
  );
  return { data: rows.map((r) => toObservationView(projectId, r, prices)), meta: pageMeta(query, total) };
}

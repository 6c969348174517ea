import { pageMeta, type TObservationsQuery, type TObservationsResponse, offsetOf } from "@loupe/contracts";
import { countObservations, findObservations } from "@loupe/db";
import { loadModelPrices, toObservationView } from "./dto.ts";

/** GET /api/public/observations (v1): offset pages, newest first. */
export async function listPublicObservations(projectId: string, query: TObservationsQuery): Promise<TObservationsResponse> {
  const { page, limit, ...filter } = query;
  const [rows, total] = await Promise.all([
    findObservations({ projectId, filter, limit, offset: offsetOf(query) }),
    countObservations(projectId, filter),
  ]);
  const prices = await loadModelPrices(
    projectId,
    rows.map((r) => r.matchedModelId),
  );
  return { data: rows.map((r) => toObservationView(projectId, r, prices)), meta: pageMeta(query, total) };
}

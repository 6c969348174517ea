import type { TObservationView } from "@loupe/contracts";
import { findObservationById } from "@loupe/db";
import { notFoundInProject } from "../errors.ts";
import { loadModelPrices, toObservationView } from "./dto.ts";

/** GET /api/public/observations/{observationId}. */
export async function getPublicObservation(projectId: string, observationId: string): Promise<TObservationView> {
  const row = await findObservationById(projectId, observationId);
  if (!row) throw notFoundInProject("Observation", observationId);
  return toObservationView(projectId, row, await loadModelPrices(projectId, [row.matchedModelId]));
}

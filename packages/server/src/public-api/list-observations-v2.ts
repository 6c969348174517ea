import type { TObservationsV2Query, TObservationsV2Response } from "@loupe/contracts";
import { findObservations } from "@loupe/db";
import { badRequest, rejectInvalidQuery } from "../errors.ts";
import { loadModelPrices, toObservationV2 } from "./dto.ts";
import { OBSERVATION_PARAM_COLUMNS, applyFilterParam } from "./filter-params.ts";

type Cursor = { startTime: Date; id: string };

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify({ t: c.startTime.toISOString(), id: c.id })).toString("base64url");

function decodeCursor(raw: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as { t?: unknown; id?: unknown };
    const startTime = new Date(String(parsed.t));
    if (typeof parsed.id !== "string" || Number.isNaN(startTime.getTime())) throw new Error("bad cursor");
    return { startTime, id: parsed.id };
  } catch {
    throw badRequest("cursor is not a cursor returned by this endpoint");
  }
}

/** GET /api/public/v2/observations: keyset pages (newest first) and field-group selection. */
export async function listPublicObservationsV2(projectId: string, query: TObservationsV2Query): Promise<TObservationsV2Response> {
  const { limit, cursor, fields, expandMetadata, parseIoAsJson, ...params } = query;
  const after = cursor ? decodeCursor(cursor) : undefined;
  const rows = await rejectInvalidQuery(() =>
    findObservations({
      projectId,
      filter: applyFilterParam(params, OBSERVATION_PARAM_COLUMNS),
      limit: limit + 1,
      after,
      withPayload: fields.has("io") || fields.has("metadata"),
    }),
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const prices = fields.has("model")
    ? await loadModelPrices(
        projectId,
        page.map((r) => r.matchedModelId),
      )
    : new Map();
  return {
    data: page.map((r) => toObservationV2(projectId, r, fields, prices)),
    meta: rows.length > limit && last ? { cursor: encodeCursor(last) } : {},
  };
}

import { offsetOf, pageMeta, type TPublicScore, type TScoresQuery, type TScoresResponse, type TScoresV1Query } from "@loupe/contracts";
import { countScores, findScores, type ScoreFilter } from "@loupe/db";
import { notFoundInProject, rejectInvalidQuery } from "../errors.ts";
import { toPublicScore } from "./dto.ts";
import { applyFilterParam } from "./filter-params.ts";

/** GET /api/public/v2/scores: newest first, with the trace context when the `trace` field group is selected. */
export async function listPublicScores(projectId: string, query: TScoresQuery): Promise<TScoresResponse> {
  return listScores(projectId, query, {});
}

/** GET /api/public/scores (v1): the same list restricted to trace scores, always with the trace context. */
export async function listPublicScoresV1(projectId: string, query: TScoresV1Query): Promise<TScoresResponse> {
  return listScores(projectId, { ...query, fields: new Set(["score", "trace"]) }, { traceScoresOnly: true });
}

async function listScores(
  projectId: string,
  query: Omit<TScoresQuery, "sessionId" | "datasetRunId">,
  scope: Pick<ScoreFilter, "traceScoresOnly">,
): Promise<TScoresResponse> {
  const { page, limit, fields, ...params } = query;
  const { operator, value, scoreIds, observationId, ...rest } = applyFilterParam(params, {
    fromTimestamp: "timestamp",
    toTimestamp: "timestamp",
    scoreIds: "id",
    operator: "value",
  });
  const filter: ScoreFilter = {
    ...rest,
    ...scope,
    ids: scoreIds,
    observationIds: observationId,
    value: operator !== undefined && value !== undefined ? { operator, value } : undefined,
  };
  const [rows, total] = await rejectInvalidQuery(() =>
    Promise.all([findScores({ projectId, filter, limit, offset: offsetOf(query) }), countScores(projectId, filter)]),
  );
  return { data: rows.map((r) => toPublicScore(r, fields.has("trace"))), meta: pageMeta(query, total) };
}

/** GET /api/public/v2/scores/{scoreId}. */
export async function getPublicScore(projectId: string, scoreId: string): Promise<TPublicScore> {
  const [row] = await findScores({ projectId, filter: { ids: [scoreId] }, limit: 1, offset: 0 });
  if (!row) throw notFoundInProject("Score", scoreId);
  return toPublicScore(row, true);
}

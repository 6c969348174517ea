import type { TComparedResult, TDatasetCompareResponse } from "@loupe/contracts";
import {
  aggregateRunScores,
  aggregateRuns,
  findDatasetById,
  listComparedItems,
  listDatasetRunSummaries,
  listRunItemResults,
  listScoresOfTraces,
  listUnfinishedRunItems,
} from "@loupe/db";
import { badRequest, notFound } from "../errors.ts";

const MAX_COMPARED_ITEMS = 500;

/** Runs of one dataset side by side: per-run aggregates, and per item what each run produced and scored. */
export async function compareDatasetRuns(projectId: string, datasetId: string, runIds: string[]): Promise<TDatasetCompareResponse> {
  if (!(await findDatasetById(projectId, datasetId))) throw notFound("Dataset");
  const known = new Map((await listDatasetRunSummaries(projectId, datasetId)).map((r) => [r.id, r]));
  const unknown = runIds.find((id) => !known.has(id));
  if (unknown) throw badRequest(`Run ${unknown} is not a run of this dataset`);

  const [results, unfinished, aggregates, scoreAggregates] = await Promise.all([
    listRunItemResults(projectId, runIds, MAX_COMPARED_ITEMS),
    listUnfinishedRunItems(projectId, runIds, MAX_COMPARED_ITEMS),
    aggregateRuns(projectId, runIds),
    aggregateRunScores(projectId, runIds),
  ]);
  // Items a run failed on are part of the comparison too (a failure is a result worth seeing).
  const itemIds = [...new Set([...results, ...unfinished].map((r) => r.datasetItemId))];
  const shown = itemIds.slice(0, MAX_COMPARED_ITEMS);
  const [items, scores] = await Promise.all([
    listComparedItems(projectId, datasetId, shown),
    listScoresOfTraces(projectId, [...new Set(results.map((r) => r.traceId))]),
  ]);

  const scoresByTrace = new Map<string, typeof scores>();
  for (const s of scores) scoresByTrace.set(s.traceId, [...(scoresByTrace.get(s.traceId) ?? []), s]);
  const resultOf = new Map(results.map((r) => [`${r.datasetRunId}:${r.datasetItemId}`, r]));
  const unfinishedOf = new Map(unfinished.map((u) => [`${u.datasetRunId}:${u.datasetItemId}`, u]));
  const toResult = (runId: string, itemId: string): TComparedResult | null => {
    const r = resultOf.get(`${runId}:${itemId}`);
    if (!r) return null;
    // A run linked to an observation is scored on it or on its trace as a whole.
    const own = (scoresByTrace.get(r.traceId) ?? []).filter((s) => s.observationId === null || s.observationId === r.observationId);
    return {
      traceId: r.traceId,
      observationId: r.observationId,
      itemVersion: r.datasetItemVersion,
      outputPreview: r.outputPreview,
      latencyMs: r.latencyMs,
      totalCost: r.totalCost,
      scores: own.map(({ name, value, stringValue }) => ({ name, value, stringValue })),
    };
  };
  const aggregateOf = new Map(aggregates.map((a) => [a.datasetRunId, a]));
  return {
    runs: runIds.map((id) => {
      const run = known.get(id) as NonNullable<ReturnType<typeof known.get>>;
      const a = aggregateOf.get(id);
      return {
        id,
        name: run.name,
        description: run.description,
        createdAt: run.createdAt.toISOString(),
        itemCount: a?.itemCount ?? 0,
        avgLatencyMs: a?.avgLatencyMs ?? null,
        totalCost: a?.totalCost ?? null,
        scores: scoreAggregates.filter((s) => s.datasetRunId === id).map(({ name, avg, count }) => ({ name, avg, count })),
      };
    }),
    items: items.map((i) => ({
      id: i.id,
      version: i.version,
      inputPreview: i.inputPreview,
      expectedOutputPreview: i.expectedOutputPreview,
      results: Object.fromEntries(runIds.map((runId) => [runId, toResult(runId, i.id)])),
      unfinished: Object.fromEntries(
        runIds.flatMap((runId) => {
          const u = resultOf.has(`${runId}:${i.id}`) ? undefined : unfinishedOf.get(`${runId}:${i.id}`);
          return u ? [[runId, { status: u.status, error: u.error }]] : [];
        }),
      ),
    })),
    scoreNames: [...new Set(scoreAggregates.map((s) => s.name))].sort(),
    truncated: itemIds.length > MAX_COMPARED_ITEMS,
  };
}

import { randomUUID } from "node:crypto";
import { type TAcceptedEvent, type TObservationEvent, type TScoreEvent, type TTraceEvent, isEventOfKind } from "@loupe/contracts";
import {
  entityLockKey,
  findObservationRecords,
  findTraceRecords,
  getIngestionBatch,
  lockEntities,
  markIngestionBatchFailed,
  markIngestionBatchProcessed,
  prisma,
  refreshTraceRollups,
  upsertObservationRecords,
  upsertScoreRecords,
  upsertTraceRecords,
} from "@loupe/db";
import {
  type ObservationMetrics,
  type ScoreMetric,
  meterObservationMerge,
  meterScoreMerge,
  mergeObservation,
  mergeScore,
  mergeTrace,
  scoreIdOf,
} from "@loupe/domain";
import { candidateModels, priceObservation } from "./compute-costs.ts";

type Grouped = {
  traces: Map<string, TTraceEvent[]>;
  observations: Map<string, TObservationEvent[]>;
  scores: Map<string, TScoreEvent[]>;
};

function push<E>(map: Map<string, E[]>, id: string, event: E): void {
  const list = map.get(id);
  if (list) list.push(event);
  else map.set(id, [event]);
}

function groupByEntity(events: TAcceptedEvent[]): Grouped {
  const grouped: Grouped = { traces: new Map(), observations: new Map(), scores: new Map() };
  for (const event of events) {
    if (isEventOfKind(event, "trace")) push(grouped.traces, event.body.id, event);
    else if (isEventOfKind(event, "observation")) push(grouped.observations, event.body.id, event);
    else if (isEventOfKind(event, "score")) push(grouped.scores, scoreIdOf(event), event);
  }
  return grouped;
}

/** What a merged batch adds to the Prometheus metrics; the worker records it after the commit. */
export type BatchMetrics = {
  projectId: string;
  /** When the batch was acknowledged: the worker observes the ingest → queryable lag from it. */
  receivedAt: Date;
  observations: ObservationMetrics[];
  scores: ScoreMetric[];
};

export type ProcessBatchResult = { processed: false; events: 0 } | { processed: true; events: number; metrics: BatchMetrics };

/**
 * Merges one stored batch into traces, observations and scores (shared/langfuse-api.md §3.5) and
 * prices the observations it touched and refreshes their traces' rollups in the same transaction,
 * under the entities' locks, so two batches for one generation or trace can never leave a cost or a
 * rollup computed from stale rows.
 * Idempotent: a retried or replayed batch converges to the same rows.
 */
export async function processIngestionBatch(batchId: string): Promise<ProcessBatchResult> {
  const batch = await getIngestionBatch(batchId);
  if (!batch || batch.processedAt) return { processed: false, events: 0 };
  const { projectId } = batch;
  const grouped = groupByEntity(batch.events);
  // A trace is locked when the batch writes it or one of its observations: its rollup is recomputed
  // from all of its observations, so two batches of one trace must not merge at the same time.
  const touchedTraceIds = new Set([
    ...grouped.traces.keys(),
    ...[...grouped.observations.values()].flat().flatMap((e) => (e.body.traceId ? [e.body.traceId] : [])),
  ]);
  const lockKeys = [
    ...[...touchedTraceIds].map((id) => entityLockKey(projectId, "trace", id)),
    ...[...grouped.observations.keys()].map((id) => entityLockKey(projectId, "observation", id)),
  ];
  const models = grouped.observations.size > 0 ? await candidateModels(projectId) : [];

  const metrics = await prisma.$transaction(
    async (tx) => {
      await lockEntities(tx, lockKeys);
      const storedTraces = await findTraceRecords(tx, projectId, [...grouped.traces.keys()]);
      const traces = [...grouped.traces].map(([id, events]) => mergeTrace(storedTraces.get(id) ?? null, events));
      await upsertTraceRecords(tx, projectId, traces);

      const storedObservations = await findObservationRecords(tx, projectId, [...grouped.observations.keys()]);
      const observations = await Promise.all(
        [...grouped.observations].map(async ([id, events]) => {
          const merged = mergeObservation(storedObservations.get(id) ?? null, events);
          // SDKs always send a trace id; very old clients did not, and those observations get their own
          // (still marked derived in the merge state, so a trace id sent later replaces it).
          return { ...merged, traceId: merged.traceId ?? randomUUID(), ...(await priceObservation(merged, models)) };
        }),
      );
      await upsertObservationRecords(tx, projectId, observations);
      await refreshTraceRollups(tx, projectId, [...new Set([...touchedTraceIds, ...observations.map((o) => o.traceId)])]);

      const scores = [...grouped.scores.values()].map(mergeScore);
      const insertedScores = await upsertScoreRecords(tx, projectId, scores);
      await markIngestionBatchProcessed(tx, batchId);

      // Each row against what was stored before, under the same locks: retries and replays add nothing.
      return {
        projectId,
        receivedAt: batch.receivedAt,
        observations: observations.map((o) => meterObservationMerge(storedObservations.get(o.id) ?? null, o)),
        scores: scores.flatMap((score) => meterScoreMerge(insertedScores.has(score.id), score) ?? []),
      } satisfies BatchMetrics;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );

  return { processed: true, events: batch.events.length, metrics };
}

/** Records a failed attempt next to the batch (the worker's failure handler), so the sweep and operators see why. */
export async function recordIngestionFailure(batchId: string, error: Error): Promise<void> {
  await markIngestionBatchFailed(batchId, error.message);
}

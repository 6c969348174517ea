import { randomUUID } from "node:crypto";
import { type TAcceptedEvent, type TObservationEvent, type TScoreEvent, type TTraceEvent, isEventOfKind } from "@loupe/contracts";
import {
  type StoredIngestionBatch,
  entityLockKey,
  findObservationRecords,
  findTraceRecords,
  getIngestionBatches,
  lockEntities,
  markIngestionBatchFailed,
  markIngestionBatchesProcessed,
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

export type ProcessBatchResult =
  | { processed: false; events: 0 }
  | {
      processed: true;
      events: number;
      metrics: BatchMetrics;
      /** How many batches were merged in the same transaction as this one (1 when it ran alone). */
      batchesInTransaction: number;
    };

/**
 * Merges one stored batch into traces, observations and scores (shared/langfuse-api.md §3.5) and
 * prices the observations it touched and refreshes their traces' rollups in the same transaction,
 * under the entities' locks, so two batches for one generation or trace can never leave a cost or a
 * rollup computed from stale rows.
 * Idempotent: a retried or replayed batch converges to the same rows.
 *
 * Calls that arrive while this process already runs MAX_MERGES_IN_FLIGHT merges wait and are merged
 * together, up to MAX_BATCHES_PER_MERGE of one project per transaction: a backlog then pays the
 * round trips, locks and commit of a transaction once per group instead of once per batch. The merge
 * is order-independent and split-independent (ADR 0003), so a group gives the same rows as the
 * batches one by one. Each caller still gets its own batch's result; a group that fails is retried
 * batch by batch, so one bad batch fails only its own job.
 */
export function processIngestionBatch(batchId: string): Promise<ProcessBatchResult> {
  return new Promise((resolve, reject) => {
    waiting.push({ batchId, resolve, reject });
    startMerges();
  });
}

/** Two merge transactions at once keep both cores busy (one builds rows while the other waits on Postgres). */
const MAX_MERGES_IN_FLIGHT = 2;
/** About 1,000 events: the transaction stays well under a second and its locks short. */
const MAX_BATCHES_PER_MERGE = 10;

type Waiter = { batchId: string; resolve: (result: ProcessBatchResult) => void; reject: (error: unknown) => void };
const waiting: Waiter[] = [];
let mergesInFlight = 0;

function startMerges(): void {
  while (mergesInFlight < MAX_MERGES_IN_FLIGHT && waiting.length > 0) {
    const group = waiting.splice(0, MAX_BATCHES_PER_MERGE);
    mergesInFlight++;
    void mergeWaiters(group).finally(() => {
      mergesInFlight--;
      startMerges();
    });
  }
}

async function mergeWaiters(group: Waiter[]): Promise<void> {
  let batches: StoredIngestionBatch[];
  try {
    batches = await getIngestionBatches([...new Set(group.map((w) => w.batchId))]);
  } catch (error) {
    for (const w of group) w.reject(error);
    return;
  }
  const byId = new Map(batches.filter((b) => !b.processedAt).map((b) => [b.id, b]));
  // One transaction per project: locks, reads and upserts are all scoped to one project.
  const byProject = new Map<string, StoredIngestionBatch[]>();
  for (const batch of byId.values()) push(byProject, batch.projectId, batch);
  const results: Settled = new Map();
  for (const projectBatches of byProject.values()) await settleMerge(results, projectBatches);
  const done = new Set<string>();
  for (const w of group) {
    const result = results.get(w.batchId);
    // A batch already processed, unknown, or named twice in the group (only its first caller merges it).
    if (!result || done.has(w.batchId)) w.resolve({ processed: false, events: 0 });
    else if ("error" in result) w.reject(result.error);
    else w.resolve(result);
    done.add(w.batchId);
  }
}

type Settled = Map<string, ProcessBatchResult | { error: unknown }>;

/** Merges `batches` together; if that fails, each on its own, so a poison batch fails only its own job. */
async function settleMerge(results: Settled, batches: StoredIngestionBatch[]): Promise<void> {
  try {
    for (const [id, result] of await mergeBatches(batches)) results.set(id, result);
  } catch (error) {
    if (batches.length === 1) results.set((batches[0] as StoredIngestionBatch).id, { error });
    else for (const batch of batches) await settleMerge(results, [batch]);
  }
}

/** Merges batches of one project in one transaction; one result per batch. */
async function mergeBatches(batches: StoredIngestionBatch[]): Promise<Map<string, ProcessBatchResult>> {
  const first = batches[0] as StoredIngestionBatch;
  const { projectId } = first;
  const grouped = groupByEntity(batches.flatMap((b) => b.events));
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

  const merged = await prisma.$transaction(
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
      await markIngestionBatchesProcessed(
        tx,
        batches.map((b) => b.id),
      );

      // Each row against what was stored before, under the same locks: retries and replays add nothing.
      return {
        observations: observations.map((o) => meterObservationMerge(storedObservations.get(o.id) ?? null, o)),
        scores: scores.flatMap((score) => meterScoreMerge(insertedScores.has(score.id), score) ?? []),
      };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );

  // The group's counters go with its first batch (they are sums), every batch keeps its own lag.
  return new Map(
    batches.map((b) => [
      b.id,
      {
        processed: true,
        events: b.events.length,
        batchesInTransaction: batches.length,
        metrics: {
          projectId,
          receivedAt: b.receivedAt,
          observations: b === first ? merged.observations : [],
          scores: b === first ? merged.scores : [],
        },
      },
    ]),
  );
}

/** Records a failed attempt next to the batch (the worker's failure handler), so the sweep and operators see why. */
export async function recordIngestionFailure(batchId: string, error: Error): Promise<void> {
  await markIngestionBatchFailed(batchId, error.message);
}

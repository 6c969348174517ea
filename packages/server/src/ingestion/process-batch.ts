import { randomUUID } from "node:crypto";
import {
  CORRECTION_SCORE_NAME,
  INGESTION_EVENT_TYPES,
  type IngestionEventType,
  type TAcceptedEvent,
  type TScoreBody,
} from "@loupe/contracts";
import {
  type ScoreRecord,
  entityLockKey,
  findObservationRecords,
  findTraceRecords,
  getIngestionBatch,
  lockEntities,
  markIngestionBatchProcessed,
  prisma,
  refreshTraceRollups,
  upsertObservationRecords,
  upsertScoreRecords,
  upsertTraceRecords,
} from "@loupe/db";
import { mergeObservation, mergeTrace, normalizeEnvironment, sortEvents, toMetadataObject } from "@loupe/domain";
import { candidateModels, priceObservation } from "./compute-costs.ts";

type Grouped = {
  traces: Map<string, TAcceptedEvent[]>;
  observations: Map<string, TAcceptedEvent[]>;
  scores: Map<string, TAcceptedEvent[]>;
};

function groupByEntity(events: TAcceptedEvent[]): Grouped {
  const grouped: Grouped = { traces: new Map(), observations: new Map(), scores: new Map() };
  for (const event of events) {
    const kind = INGESTION_EVENT_TYPES[event.type as IngestionEventType].kind;
    const target =
      kind === "trace" ? grouped.traces : kind === "observation" ? grouped.observations : kind === "score" ? grouped.scores : null;
    if (!target) continue;
    // A score without an id gets its event id, so a re-sent batch updates rather than duplicates it.
    const id = String(event.body.id ?? event.id);
    const list = target.get(id);
    if (list) list.push(event);
    else target.set(id, [event]);
  }
  return grouped;
}

function scoreRecord(event: TAcceptedEvent, id: string): ScoreRecord {
  const b = event.body as TScoreBody;
  const dataType = b.dataType ?? (typeof b.value === "number" ? "NUMERIC" : "CATEGORICAL");
  const isNumber = typeof b.value === "number";
  return {
    id,
    name: dataType === "CORRECTION" ? CORRECTION_SCORE_NAME : b.name,
    value: isNumber ? (b.value as number) : null,
    stringValue: dataType === "BOOLEAN" ? (b.value === 1 ? "True" : "False") : isNumber ? null : String(b.value),
    dataType,
    source: b.source ?? "API",
    traceId: b.traceId ?? null,
    observationId: b.observationId ?? null,
    sessionId: b.sessionId ?? null,
    datasetRunId: b.datasetRunId ?? null,
    comment: b.comment ?? null,
    metadata: toMetadataObject(b.metadata) ?? {},
    configId: b.configId ?? null,
    queueId: b.queueId ?? null,
    environment: normalizeEnvironment(b.environment),
    timestamp: new Date(b.timestamp ?? event.timestamp),
  };
}

/**
 * Merges one stored batch into traces, observations and scores (shared/langfuse-api.md §3.5) and
 * prices the observations it touched and refreshes their traces' rollups in the same transaction,
 * under the entities' locks, so two batches for one generation or trace can never leave a cost or a
 * rollup computed from stale rows.
 * Idempotent: a retried or replayed batch converges to the same rows.
 */
export async function processIngestionBatch(batchId: string): Promise<{ processed: boolean; events: number }> {
  const batch = await getIngestionBatch(batchId);
  if (!batch || batch.processedAt) return { processed: false, events: 0 };
  const { projectId } = batch;
  const grouped = groupByEntity(batch.events);
  // A trace is locked when the batch writes it or one of its observations: its rollup is recomputed
  // from all of its observations, so two batches of one trace must not merge at the same time.
  const touchedTraceIds = new Set([
    ...grouped.traces.keys(),
    ...[...grouped.observations.values()].flat().flatMap((e) => (typeof e.body.traceId === "string" ? [e.body.traceId] : [])),
  ]);
  const lockKeys = [
    ...[...touchedTraceIds].map((id) => entityLockKey(projectId, "trace", id)),
    ...[...grouped.observations.keys()].map((id) => entityLockKey(projectId, "observation", id)),
  ];
  const models = grouped.observations.size > 0 ? await candidateModels(projectId) : [];

  await prisma.$transaction(
    async (tx) => {
      await lockEntities(tx, lockKeys);
      const storedTraces = await findTraceRecords(tx, projectId, [...grouped.traces.keys()]);
      const traces = [...grouped.traces].map(([id, events]) => mergeTrace(storedTraces.get(id) ?? null, events));
      await upsertTraceRecords(tx, projectId, traces);

      const storedObservations = await findObservationRecords(tx, projectId, [...grouped.observations.keys()]);
      const observations = await Promise.all(
        [...grouped.observations].map(async ([id, events]) => {
          const merged = mergeObservation(storedObservations.get(id) ?? null, events);
          // SDKs always send a trace id; very old clients did not, and those observations get their own.
          return { ...merged, traceId: merged.traceId ?? randomUUID(), ...(await priceObservation(merged, models)) };
        }),
      );
      await upsertObservationRecords(tx, projectId, observations);
      await refreshTraceRollups(tx, projectId, [...new Set([...touchedTraceIds, ...observations.map((o) => o.traceId)])]);

      const scores = [...grouped.scores].map(([id, events]) => scoreRecord(sortEvents(events).at(-1) as TAcceptedEvent, id));
      await upsertScoreRecords(tx, projectId, scores);
      await markIngestionBatchProcessed(tx, batchId);
    },
    { timeout: 60_000, maxWait: 30_000 },
  );

  return { processed: true, events: batch.events.length };
}

import { CORRECTION_SCORE_NAME, type SCORE_DATA_TYPES, type SCORE_SOURCES, type TScoreEvent } from "@loupe/contracts";
import { normalizeEnvironment } from "../observations/environment.ts";
import { toMetadataObject } from "../observations/merge.ts";
import { eventClock } from "../observations/merge-state.ts";

export type ScoreRecord = {
  id: string;
  name: string;
  value: number | null;
  stringValue: string | null;
  dataType: (typeof SCORE_DATA_TYPES)[number];
  source: (typeof SCORE_SOURCES)[number];
  traceId: string | null;
  observationId: string | null;
  sessionId: string | null;
  datasetRunId: string | null;
  comment: string | null;
  metadata: Record<string, unknown>;
  configId: string | null;
  queueId: string | null;
  environment: string;
  timestamp: Date;
  /** Set only for scores added by hand in the UI; ingestion events cannot carry an author. */
  authorUserId?: string | null;
};

/** The id a score is stored under: its own, else its event's, so a re-sent batch updates rather than duplicates it. */
export function scoreIdOf(event: TScoreEvent): string {
  return event.body.id ?? event.id;
}

/**
 * The record one score's events stand for: the latest event (by clock, so not by arrival) sets the
 * whole score. Storing it keeps the first target and environment (`upsertScoreRecords`).
 */
export function mergeScore(events: TScoreEvent[]): ScoreRecord {
  const latest = events.reduce<TScoreEvent | undefined>((a, e) => (!a || eventClock(e) > eventClock(a) ? e : a), undefined);
  if (!latest) throw new Error("mergeScore needs at least one event");
  const b = latest.body;
  const dataType = b.dataType ?? (typeof b.value === "number" ? "NUMERIC" : "CATEGORICAL");
  const isNumber = typeof b.value === "number";
  return {
    id: scoreIdOf(latest),
    name: dataType === "CORRECTION" ? CORRECTION_SCORE_NAME : b.name,
    value: typeof b.value === "number" ? b.value : null,
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
    timestamp: new Date(b.timestamp ?? latest.timestamp),
  };
}

import {
  INGESTION_EVENT_TYPES,
  type ObservationType,
  type TObservationBody,
  type TObservationEvent,
  type TTraceEvent,
} from "@loupe/contracts";
import { normalizeProvidedCost, normalizeUsage } from "../usage/index.ts";
import { normalizeEnvironment } from "./environment.ts";
import {
  type Clock,
  type JsonObject,
  type MergeState,
  emptyMergeState,
  eventClock,
  isPlainObject,
  mergeMetadata,
  setFirst,
  setLatest,
} from "./merge-state.ts";

// Merge semantics of shared/langfuse-api.md §3.5, as pure functions: the worker loads the stored
// record with its merge state and folds the entity's events over it. Each field is decided by the
// events' clocks (merge-state.ts), never by the order the events arrive in: a late create still sets
// the start time, an update merged first cannot pin it. Replays converge too (SDK batch retries).
//
// Field rules: later events override earlier ones field by field; absent, null and `{}` never
// override; input/output take the last non-empty value; metadata is deep-merged; tags are unioned;
// the first timestamp/startTime, traceId and environment sent are kept, and a value sent in a body
// beats one derived from an envelope timestamp (or the "default" environment).

export type { JsonObject } from "./merge-state.ts";

export type TraceRecord = {
  id: string;
  timestamp: Date;
  name: string | null;
  userId: string | null;
  sessionId: string | null;
  input: unknown;
  output: unknown;
  metadata: JsonObject;
  tags: string[];
  release: string | null;
  version: string | null;
  environment: string;
  public: boolean;
  mergeState: MergeState;
};

export type ObservationRecord = {
  id: string;
  /** Null until an event names the trace (very old SDKs never do; the worker then makes one up). */
  traceId: string | null;
  parentObservationId: string | null;
  type: ObservationType;
  name: string | null;
  startTime: Date;
  endTime: Date | null;
  completionStartTime: Date | null;
  level: string;
  statusMessage: string | null;
  version: string | null;
  environment: string;
  model: string | null;
  modelParameters: JsonObject | null;
  input: unknown;
  output: unknown;
  metadata: JsonObject;
  promptName: string | null;
  promptVersion: number | null;
  providedUsageDetails: Record<string, number>;
  providedCostDetails: Record<string, number>;
  mergeState: MergeState;
};

/** Metadata is stored as an object: a primitive or array becomes `{ metadata: value }`. */
export function toMetadataObject(value: unknown): JsonObject | undefined {
  if (value === undefined || value === null) return undefined;
  return isPlainObject(value) ? value : { metadata: value };
}

/** Absent, null and `{}` never override a stored value. */
function present<T>(value: T | null | undefined): value is T {
  if (value === undefined || value === null) return false;
  return !(isPlainObject(value) && Object.keys(value).length === 0);
}

/** input/output: the last event with a truthy value wins. */
function meaningful(value: unknown): boolean {
  return Boolean(value) && present(value);
}

/** Fields every merge sets the same way for traces and observations. */
function mergeCommon(
  rec: { input: unknown; output: unknown; metadata: JsonObject; environment: string; version: string | null; mergeState: MergeState },
  body: { input?: unknown; output?: unknown; metadata?: unknown; environment?: string | null; version?: string | null },
  clock: Clock,
): void {
  const state = rec.mergeState;
  if (meaningful(body.input)) setLatest(rec, state, "input", body.input, clock);
  if (meaningful(body.output)) setLatest(rec, state, "output", body.output, clock);
  if (body.version != null) setLatest(rec, state, "version", body.version, clock);
  if (body.environment) setFirst(rec, state, "environment", normalizeEnvironment(body.environment), clock);
  const metadata = toMetadataObject(body.metadata);
  if (metadata) rec.metadata = mergeMetadata(rec.metadata, state, metadata, clock);
}

/** Fields holding a derived value until an event sends one. */
const DERIVED_TRACE_FIELDS = ["timestamp", "environment"];
const DERIVED_OBSERVATION_FIELDS = ["startTime", "environment", "traceId"];

/** A derived time is the earliest envelope timestamp seen, so it does not depend on order either. */
function earliest(rec: { mergeState: MergeState }, field: string, current: Date, envelope: string): Date {
  const candidate = new Date(envelope);
  return rec.mergeState.derived.includes(field) && candidate < current ? candidate : current;
}

export function mergeTrace(existing: TraceRecord | null, events: TTraceEvent[]): TraceRecord {
  const first = events[0];
  if (!existing && !first) throw new Error("mergeTrace needs a stored record or at least one event");
  const rec: TraceRecord = existing
    ? { ...existing, mergeState: structuredClone(existing.mergeState) }
    : {
        id: (first as TTraceEvent).body.id,
        timestamp: new Date((first as TTraceEvent).timestamp),
        name: null,
        userId: null,
        sessionId: null,
        input: null,
        output: null,
        metadata: {},
        tags: [],
        release: null,
        version: null,
        environment: normalizeEnvironment(undefined),
        public: false,
        mergeState: emptyMergeState(DERIVED_TRACE_FIELDS),
      };
  const state = rec.mergeState;
  for (const event of events) {
    const b = event.body;
    const clock = eventClock(event);
    rec.timestamp = earliest(rec, "timestamp", rec.timestamp, event.timestamp);
    if (b.timestamp) setFirst(rec, state, "timestamp", new Date(b.timestamp), clock);
    if (b.name != null) setLatest(rec, state, "name", b.name, clock);
    if (b.userId != null) setLatest(rec, state, "userId", b.userId, clock);
    if (b.sessionId != null) setLatest(rec, state, "sessionId", b.sessionId, clock);
    if (b.release != null) setLatest(rec, state, "release", b.release, clock);
    if (typeof b.public === "boolean") setLatest(rec, state, "public", b.public, clock);
    if (b.tags) rec.tags = [...new Set([...rec.tags, ...b.tags])].sort();
    mergeCommon(rec, b, clock);
  }
  return rec;
}

function observationTypeOf(event: TObservationEvent): ObservationType {
  const def = INGESTION_EVENT_TYPES[event.type];
  if (def.observationType !== "BODY") return def.observationType;
  return (event.body as { type: ObservationType }).type;
}

const LATEST_STRING_FIELDS = ["parentObservationId", "name", "level", "statusMessage", "model", "promptName"] as const;

export function mergeObservation(existing: ObservationRecord | null, events: TObservationEvent[]): ObservationRecord {
  const first = events[0];
  if (!existing && !first) throw new Error("mergeObservation needs a stored record or at least one event");
  const rec: ObservationRecord = existing
    ? {
        ...existing,
        // The end time as sent, not as clamped: a start time corrected later must see the real end.
        endTime: existing.mergeState.endTime ? new Date(existing.mergeState.endTime) : existing.endTime,
        mergeState: structuredClone(existing.mergeState),
      }
    : {
        id: (first as TObservationEvent).body.id,
        traceId: null,
        parentObservationId: null,
        type: observationTypeOf(first as TObservationEvent),
        name: null,
        startTime: new Date((first as TObservationEvent).timestamp),
        endTime: null,
        completionStartTime: null,
        level: "DEFAULT",
        statusMessage: null,
        version: null,
        environment: normalizeEnvironment(undefined),
        model: null,
        modelParameters: null,
        input: null,
        output: null,
        metadata: {},
        promptName: null,
        promptVersion: null,
        providedUsageDetails: {},
        providedCostDetails: {},
        mergeState: emptyMergeState(DERIVED_OBSERVATION_FIELDS),
      };
  const state = rec.mergeState;
  for (const event of events) {
    const b: TObservationBody = event.body;
    const clock = eventClock(event);
    setLatest(rec, state, "type", observationTypeOf(event), clock);
    rec.startTime = earliest(rec, "startTime", rec.startTime, event.timestamp);
    if (b.startTime) setFirst(rec, state, "startTime", new Date(b.startTime), clock);
    if (b.traceId) setFirst(rec, state, "traceId", b.traceId, clock);
    for (const key of LATEST_STRING_FIELDS) {
      const value = b[key];
      if (value != null) setLatest(rec, state, key, value, clock);
    }
    if (b.endTime) setLatest(rec, state, "endTime", new Date(b.endTime), clock);
    if (b.completionStartTime) setLatest(rec, state, "completionStartTime", new Date(b.completionStartTime), clock);
    if (typeof b.promptVersion === "number") setLatest(rec, state, "promptVersion", b.promptVersion, clock);
    if (present(b.modelParameters)) setLatest(rec, state, "modelParameters", b.modelParameters, clock);
    const usage = normalizeUsage({ usage: b.usage, usageDetails: b.usageDetails });
    if (usage && Object.keys(usage).length > 0) setLatest(rec, state, "providedUsageDetails", usage, clock);
    const cost = normalizeProvidedCost({ usage: b.usage, costDetails: b.costDetails });
    if (cost && Object.keys(cost).length > 0) setLatest(rec, state, "providedCostDetails", cost, clock);
    mergeCommon(rec, b, clock);
  }
  // An end before the start is stored as the start; the end as sent stays in the state.
  if (rec.endTime && rec.endTime < rec.startTime) {
    state.endTime = rec.endTime.toISOString();
    rec.endTime = rec.startTime;
  } else delete state.endTime;
  return rec;
}

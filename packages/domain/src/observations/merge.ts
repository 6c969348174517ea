import type { IngestionEventType, ObservationType, TAcceptedEvent } from "@loupe/contracts";
import { INGESTION_EVENT_TYPES, isUpdateEvent } from "@loupe/contracts";
import { normalizeProvidedCost, normalizeUsage } from "../usage/index.ts";
import { normalizeEnvironment } from "./environment.ts";

// Merge semantics of shared/langfuse-api.md §3.5, as pure functions: the worker loads the stored
// record, sorts the entity's events and folds them over it. Replaying the same events converges to
// the same record, which is what makes SDK batch retries harmless.

export type JsonObject = Record<string, unknown>;

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
};

export type ObservationRecord = {
  id: string;
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
};

/** Orders one entity's events: by envelope timestamp, creates before updates on ties. */
export function sortEvents<E extends Pick<TAcceptedEvent, "timestamp" | "type">>(events: E[]): E[] {
  return [...events].sort((a, b) => {
    const t = Date.parse(a.timestamp) - Date.parse(b.timestamp);
    if (t !== 0) return t;
    return Number(isUpdateEvent(a.type)) - Number(isUpdateEvent(b.type));
  });
}

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep merge of metadata: objects merge key by key, anything else is replaced by the newer value. */
export function deepMerge(base: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? deepMerge(prev, value) : value;
  }
  return out;
}

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

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function date(value: unknown): Date | undefined {
  return typeof value === "string" ? new Date(value) : undefined;
}

export function mergeTrace(existing: TraceRecord | null, events: TAcceptedEvent[]): TraceRecord {
  let rec: TraceRecord | null = existing ? { ...existing } : null;
  for (const event of sortEvents(events)) {
    const b = event.body;
    if (!rec) {
      rec = {
        id: String(b.id),
        timestamp: date(b.timestamp) ?? new Date(event.timestamp),
        name: null,
        userId: null,
        sessionId: null,
        input: null,
        output: null,
        metadata: {},
        tags: [],
        release: null,
        version: null,
        environment: normalizeEnvironment(b.environment),
        public: false,
      };
    }
    if (present(str(b.name))) rec.name = str(b.name) ?? null;
    if (present(str(b.userId))) rec.userId = str(b.userId) ?? null;
    if (present(str(b.sessionId))) rec.sessionId = str(b.sessionId) ?? null;
    if (present(str(b.release))) rec.release = str(b.release) ?? null;
    if (present(str(b.version))) rec.version = str(b.version) ?? null;
    if (typeof b.public === "boolean") rec.public = b.public;
    if (meaningful(b.input)) rec.input = b.input;
    if (meaningful(b.output)) rec.output = b.output;
    const metadata = toMetadataObject(b.metadata);
    if (metadata) rec.metadata = deepMerge(rec.metadata, metadata);
    if (Array.isArray(b.tags)) rec.tags = [...new Set([...rec.tags, ...(b.tags as string[])])].sort();
  }
  if (!rec) throw new Error("mergeTrace needs a stored record or at least one event");
  return rec;
}

function observationTypeOf(event: TAcceptedEvent): ObservationType {
  const def = INGESTION_EVENT_TYPES[event.type as IngestionEventType];
  if ("observationType" in def && def.observationType !== "BODY") return def.observationType;
  return event.body.type as ObservationType;
}

export function mergeObservation(existing: ObservationRecord | null, events: TAcceptedEvent[]): ObservationRecord {
  let rec: ObservationRecord | null = existing ? { ...existing } : null;
  for (const event of sortEvents(events)) {
    const b = event.body;
    if (!rec) {
      rec = {
        id: String(b.id),
        traceId: null,
        parentObservationId: null,
        type: observationTypeOf(event),
        name: null,
        startTime: date(b.startTime) ?? new Date(event.timestamp),
        endTime: null,
        completionStartTime: null,
        level: "DEFAULT",
        statusMessage: null,
        version: null,
        environment: normalizeEnvironment(b.environment),
        model: null,
        modelParameters: null,
        input: null,
        output: null,
        metadata: {},
        promptName: null,
        promptVersion: null,
        providedUsageDetails: {},
        providedCostDetails: {},
      };
    } else {
      rec.type = observationTypeOf(event);
    }
    if (!rec.traceId && present(str(b.traceId))) rec.traceId = str(b.traceId) ?? null;
    for (const key of ["parentObservationId", "name", "level", "statusMessage", "version", "model", "promptName"] as const) {
      const value = str(b[key]);
      if (present(value)) rec[key] = value;
    }
    const endTime = date(b.endTime);
    if (endTime) rec.endTime = endTime;
    const completionStartTime = date(b.completionStartTime);
    if (completionStartTime) rec.completionStartTime = completionStartTime;
    if (typeof b.promptVersion === "number") rec.promptVersion = b.promptVersion;
    if (present(b.modelParameters) && isPlainObject(b.modelParameters)) rec.modelParameters = b.modelParameters;
    if (meaningful(b.input)) rec.input = b.input;
    if (meaningful(b.output)) rec.output = b.output;
    const metadata = toMetadataObject(b.metadata);
    if (metadata) rec.metadata = deepMerge(rec.metadata, metadata);
    const usage = normalizeUsage({ usage: b.usage, usageDetails: b.usageDetails });
    if (usage && Object.keys(usage).length > 0) rec.providedUsageDetails = usage;
    const cost = normalizeProvidedCost({ usage: b.usage, costDetails: b.costDetails });
    if (cost && Object.keys(cost).length > 0) rec.providedCostDetails = cost;
  }
  if (!rec) throw new Error("mergeObservation needs a stored record or at least one event");
  if (rec.endTime && rec.endTime < rec.startTime) rec.endTime = rec.startTime;
  return rec;
}

import { type IngestionEventType, isUpdateEvent } from "@loupe/contracts";
import type { ObservationRecord, TraceRecord } from "./merge.ts";

// What makes a merge independent of arrival order. Every field of a merged row remembers the clock of
// the event whose value it holds (a last-writer-wins register per field), so an event that arrives
// late, in a later batch, still loses to the events that were sent after it. The stored row plus its
// state is then a join of all events ever merged: any order, any split into batches, same row.

/**
 * An event's position in its entity's history: envelope timestamp, then creates before updates, then a
 * hash of the event id as a deterministic tie-break. Fixed-width, so clocks compare as strings. The
 * empty string is older than every clock: it stands for a value written before clocks were kept.
 */
export type Clock = string;

export function eventClock(event: { id: string; type: IngestionEventType; timestamp: string }): Clock {
  const ms = Math.max(0, Date.parse(event.timestamp) || 0);
  return `${String(ms).padStart(15, "0")}.${isUpdateEvent(event.type) ? 1 : 0}.${hashId(event.id)}`;
}

/** Two 32-bit FNV-1a hashes of the id (different offsets) as 16 hex digits: cheap, pure JS, deterministic. */
function hashId(id: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ id.length;
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/** Stored next to a merged trace or observation (the `mergeState` column). */
export type MergeState = {
  /** Clock of the write each field holds. A field missing here counts as the oldest write. */
  clocks: Record<string, Clock>;
  /** Fields whose value was derived (from an envelope timestamp, or a default), not sent: any sent value beats it. */
  derived: string[];
  /** Latest clock per metadata leaf path (a JSON array of keys), kept after a later write replaced that leaf. */
  metadata: Record<string, Clock>;
  /** The end time as sent, when the stored one was raised to the start time. */
  endTime?: string;
};

export function emptyMergeState(derived: string[] = []): MergeState {
  return { clocks: {}, derived, metadata: {} };
}

/**
 * Every field a merge keeps a clock for, with the one-letter code it is stored under. Adding a merged
 * field means adding it here: packing a state with an unknown field throws (the merge tests catch it).
 * Codes are never reused or changed once released, since stored rows keep them.
 */
type MergedField = Exclude<keyof TraceRecord | keyof ObservationRecord, "id" | "metadata" | "tags" | "mergeState">;
const FIELD_CODES: Record<string, string> = {
  timestamp: "a",
  name: "b",
  userId: "c",
  sessionId: "d",
  release: "e",
  public: "f",
  input: "g",
  output: "h",
  version: "i",
  environment: "j",
  type: "k",
  startTime: "l",
  traceId: "m",
  parentObservationId: "n",
  level: "o",
  statusMessage: "p",
  model: "q",
  promptName: "r",
  endTime: "s",
  completionStartTime: "t",
  promptVersion: "u",
  modelParameters: "v",
  providedUsageDetails: "w",
  providedCostDetails: "x",
} satisfies Record<MergedField, string>;
const FIELD_BY_CODE = new Map(Object.entries(FIELD_CODES).map(([field, code]) => [code, field]));

function codeOf(field: string): string {
  const code = FIELD_CODES[field];
  if (code === undefined) throw new Error(`merge state: no field code for "${field}" (add it to FIELD_CODES)`);
  return code;
}

/**
 * The stored form of a merge state (version 2): every distinct clock once (`c`, sorted), and for each
 * clock the codes of the fields holding its value (`f[i]` belongs to `c[i]`), the derived fields as
 * codes (`d`), metadata paths pointing into `c` (`m`, only when metadata was written) and the end time
 * as sent (`e`, only when clamped). A row written by one event stores one clock and one short string
 * (~80 bytes of JSONB instead of ~370 with field names and one index per field, version 1).
 */
type PackedMergeState = { v: 2; c: Clock[]; f: string[]; d: string; m?: Record<string, number>; e?: string };

/** Version 1 (until ADR 0004): field names to clock indexes. Still read; rewritten as version 2 by the next merge. */
type PackedMergeStateV1 = { c: Clock[]; f: Record<string, number>; d: string[]; m: Record<string, number>; e?: string };

export function packMergeState(state: MergeState): PackedMergeState {
  const metadataClocks = Object.values(state.metadata);
  const c = [...new Set([...Object.values(state.clocks), ...metadataClocks])].sort();
  const index = new Map(c.map((clock, i) => [clock, i]));
  const f = c.map(() => "");
  for (const [field, clock] of Object.entries(state.clocks)) {
    const i = index.get(clock) as number;
    f[i] += codeOf(field);
  }
  const packed: PackedMergeState = { v: 2, c, f, d: state.derived.map(codeOf).join("") };
  if (metadataClocks.length > 0)
    packed.m = Object.fromEntries(Object.entries(state.metadata).map(([path, clock]) => [path, index.get(clock) as number]));
  if (state.endTime) packed.e = state.endTime;
  return packed;
}

/** A merged record as it is written: its merge state packed. */
export function withPackedMergeState<R extends { mergeState: MergeState }>(
  record: R,
): Omit<R, "mergeState"> & { mergeState: PackedMergeState } {
  return { ...record, mergeState: packMergeState(record.mergeState) };
}

/** Reads a stored state defensively: version 2, version 1, or `{}` for rows written before the column existed. */
export function readMergeState(value: unknown): MergeState {
  const v = (typeof value === "object" && value !== null ? value : {}) as Partial<PackedMergeState> | Partial<PackedMergeStateV1>;
  const c = Array.isArray(v.c) ? v.c : [];
  const clocks = (refs: Record<string, number> | undefined) =>
    Object.fromEntries(Object.entries(refs ?? {}).flatMap(([k, i]) => (typeof c[i] === "string" ? [[k, c[i]]] : [])));
  const endTime = typeof v.e === "string" ? { endTime: v.e } : {};
  if ("v" in v && v.v === 2) {
    const fieldClocks: Record<string, Clock> = {};
    (Array.isArray(v.f) ? v.f : []).forEach((codes, i) => {
      const clock = c[i];
      if (typeof codes !== "string" || typeof clock !== "string") return;
      for (const code of codes) {
        const field = FIELD_BY_CODE.get(code);
        if (field) fieldClocks[field] = clock;
      }
    });
    const derived = [...(typeof v.d === "string" ? v.d : "")].flatMap((code) => FIELD_BY_CODE.get(code) ?? []);
    return { clocks: fieldClocks, derived, metadata: clocks(v.m), ...endTime };
  }
  const v1 = v as Partial<PackedMergeStateV1>;
  return {
    clocks: clocks(isPlainObject(v1.f) ? (v1.f as Record<string, number>) : undefined),
    derived: Array.isArray(v1.d) ? [...v1.d] : [],
    metadata: clocks(v1.m),
    ...endTime,
  };
}

/** Last writer wins: the value of the event with the latest clock. */
export function setLatest<R, K extends keyof R & string>(rec: R, state: MergeState, key: K, value: R[K], clock: Clock): void {
  if (clock > (state.clocks[key] ?? "")) {
    rec[key] = value;
    state.clocks[key] = clock;
  }
}

/**
 * First writer wins (start time, trace id, environment): the value of the event with the earliest
 * clock, and any sent value beats a derived one. A value stored before clocks existed stays.
 */
export function setFirst<R, K extends keyof R & string>(rec: R, state: MergeState, key: K, value: R[K], clock: Clock): void {
  const derived = state.derived.includes(key);
  if (derived || clock < (state.clocks[key] ?? "")) {
    rec[key] = value;
    state.clocks[key] = clock;
    if (derived) state.derived = state.derived.filter((k) => k !== key);
  }
}

export type JsonObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The leaves of a metadata object; arrays are leaves. A patch's `{}` sets nothing (it never overrides). */
function leaves(value: JsonObject, keepEmpty: boolean, prefix: string[] = []): [string[], unknown][] {
  const out: [string[], unknown][] = [];
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const path = [...prefix, key];
    if (isPlainObject(v) && (Object.keys(v).length > 0 || !keepEmpty)) out.push(...leaves(v, keepEmpty, path));
    else if (!isPlainObject(v) || keepEmpty) out.push([path, v]);
  }
  return out;
}

/** One path is the other or lies inside it: a write to either replaces the other. */
function related(a: string[], b: string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Deep-merges a metadata patch as if every patch ever merged were applied in clock order: a leaf
 * stays unless a later write touched its path, a path inside it or one around it. `state.metadata`
 * keeps the latest clock of every path ever written, also of leaves that were replaced since, so a
 * late, older patch can neither bring a replaced leaf back nor keep one that an older write replaced.
 */
export function mergeMetadata(metadata: JsonObject, state: MergeState, patch: JsonObject, clock: Clock): JsonObject {
  if (Object.keys(patch).length === 0) return metadata;
  const clockOf = (path: string[]) => state.metadata[JSON.stringify(path)] ?? "";
  const candidates = [
    ...leaves(metadata, true).map(([path, value]) => ({ path, value, clock: clockOf(path) })),
    ...leaves(patch, false).map(([path, value]) => ({ path, value, clock })),
  ];
  for (const [path] of leaves(patch, false)) {
    const key = JSON.stringify(path);
    if (clock > (state.metadata[key] ?? "")) state.metadata[key] = clock;
  }
  const written = Object.entries(state.metadata).map(([key, c]) => ({ path: JSON.parse(key) as string[], clock: c }));
  let out: JsonObject = {};
  for (const leaf of candidates) {
    const replaced = written.some((w) => w.clock > leaf.clock && related(w.path, leaf.path));
    if (!replaced) out = setPath(out, leaf.path, leaf.value);
  }
  return out;
}

/** `obj` with `value` at `path` (copies along the path). */
function setPath(obj: JsonObject, path: string[], value: unknown): JsonObject {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) return { ...obj, [head]: value };
  const child = obj[head];
  return { ...obj, [head]: setPath(isPlainObject(child) ? child : {}, rest, value) };
}

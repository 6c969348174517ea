import { type IngestionEventType, isUpdateEvent } from "@loupe/contracts";

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
 * The stored form of a merge state: every distinct clock once (`c`), fields and metadata paths
 * pointing into it. Most rows come from one or two events, so this is a fraction of the plain form.
 */
type PackedMergeState = { c: Clock[]; f: Record<string, number>; d: string[]; m: Record<string, number>; e?: string };

export function packMergeState(state: MergeState): PackedMergeState {
  const c = [...new Set([...Object.values(state.clocks), ...Object.values(state.metadata)])].sort();
  const index = new Map(c.map((clock, i) => [clock, i]));
  const refs = (map: Record<string, Clock>) => Object.fromEntries(Object.entries(map).map(([k, clock]) => [k, index.get(clock) as number]));
  return { c, f: refs(state.clocks), d: state.derived, m: refs(state.metadata), ...(state.endTime ? { e: state.endTime } : {}) };
}

/** A merged record as it is written: its merge state packed. */
export function withPackedMergeState<R extends { mergeState: MergeState }>(
  record: R,
): Omit<R, "mergeState"> & { mergeState: PackedMergeState } {
  return { ...record, mergeState: packMergeState(record.mergeState) };
}

/** Reads a stored state defensively: rows written before this column existed hold `{}`. */
export function readMergeState(value: unknown): MergeState {
  const v = (typeof value === "object" && value !== null ? value : {}) as Partial<PackedMergeState>;
  const c = Array.isArray(v.c) ? v.c : [];
  const clocks = (refs: Record<string, number> | undefined) =>
    Object.fromEntries(Object.entries(refs ?? {}).flatMap(([k, i]) => (typeof c[i] === "string" ? [[k, c[i]]] : [])));
  return {
    clocks: clocks(v.f),
    derived: Array.isArray(v.d) ? [...v.d] : [],
    metadata: clocks(v.m),
    ...(typeof v.e === "string" ? { endTime: v.e } : {}),
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

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

/** 64-bit FNV-1a of the id as 16 hex digits; pure JS, so the domain stays free of Node built-ins. */
function hashId(id: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < id.length; i++) {
    h ^= BigInt(id.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, "0");
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

/** Reads a stored state defensively: rows written before this column existed hold `{}`. */
export function readMergeState(value: unknown): MergeState {
  const v = (typeof value === "object" && value !== null ? value : {}) as Partial<MergeState>;
  return {
    clocks: { ...(v.clocks ?? {}) },
    derived: Array.isArray(v.derived) ? [...v.derived] : [],
    metadata: { ...(v.metadata ?? {}) },
    ...(typeof v.endTime === "string" ? { endTime: v.endTime } : {}),
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

import type { IngestionEventType, TAcceptedEvent, TObservationEvent, TTraceEvent } from "@loupe/contracts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ObservationRecord, type TraceRecord, mergeObservation, mergeTrace } from "./merge.ts";
import {
  type JsonObject,
  type MergeState,
  emptyMergeState,
  eventClock,
  isPlainObject,
  mergeMetadata,
  packMergeState,
  readMergeState,
} from "./merge-state.ts";

let seq = 0;
function e<T extends IngestionEventType>(type: T, timestamp: string, body: TAcceptedEvent<T>["body"]): TAcceptedEvent<T> {
  return { id: `${type}-${timestamp}-${seq++}`, type, timestamp, body } as TAcceptedEvent<T>;
}

describe("mergeTrace", () => {
  it("applies events in timestamp order, later values winning field by field", () => {
    const merged = mergeTrace(null, [
      e("trace-create", "2026-01-01T00:00:02Z", { id: "t", name: "second", release: "r2" }),
      e("trace-create", "2026-01-01T00:00:01Z", { id: "t", name: "first", userId: "u", environment: "Production" }),
    ]);
    expect(merged).toMatchObject({ id: "t", name: "second", userId: "u", release: "r2", environment: "production" });
    expect(merged.timestamp.toISOString()).toBe("2026-01-01T00:00:01.000Z");
  });

  it("never lets absent, null or {} erase a value; unions tags; deep-merges metadata", () => {
    const base = mergeTrace(null, [
      e("trace-create", "2026-01-01T00:00:00Z", {
        id: "t",
        name: "n",
        input: { q: 1 },
        tags: ["b"],
        metadata: { a: { x: 1 }, keep: true },
      }),
    ]);
    const merged = mergeTrace(base, [
      e("trace-create", "2026-01-01T00:00:01Z", {
        id: "t",
        name: null,
        input: {},
        output: "",
        tags: ["a", "b"],
        metadata: { a: { y: 2 } },
      }),
    ]);
    expect(merged).toMatchObject({ name: "n", input: { q: 1 }, output: null, tags: ["a", "b"] });
    expect(merged.metadata).toEqual({ a: { x: 1, y: 2 }, keep: true });
  });

  it("keeps the first timestamp and environment sent; a timestamp sent beats one taken from the envelope", () => {
    const base = mergeTrace(null, [e("trace-create", "2026-01-01T00:00:00Z", { id: "t", environment: "staging" })]);
    const later = mergeTrace(base, [
      e("trace-create", "2026-01-02T00:00:00Z", { id: "t", timestamp: "2026-02-01T00:00:00Z", environment: "prod" }),
    ]);
    expect(later.environment).toBe("staging");
    expect(later.timestamp.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    const again = mergeTrace(later, [e("trace-create", "2026-01-03T00:00:00Z", { id: "t", timestamp: "2026-03-01T00:00:00Z" })]);
    expect(again.timestamp.toISOString()).toBe("2026-02-01T00:00:00.000Z");
  });

  it("keeps a row stored before merge states existed as the oldest write", () => {
    const legacy: TraceRecord = {
      ...mergeTrace(null, [e("trace-create", "2026-01-01T00:00:00Z", { id: "t", name: "old", environment: "staging" })]),
      mergeState: emptyMergeState(),
    };
    const merged = mergeTrace(legacy, [
      e("trace-create", "2025-01-01T00:00:00Z", { id: "t", name: "new", timestamp: "2025-01-01T00:00:00Z", environment: "prod" }),
    ]);
    expect(merged).toMatchObject({ name: "new", environment: "staging" });
    expect(merged.timestamp.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it("wraps non-object metadata", () => {
    expect(mergeTrace(null, [e("trace-create", "2026-01-01T00:00:00Z", { id: "t", metadata: [1, 2] })]).metadata).toEqual({
      metadata: [1, 2],
    });
  });
});

describe("mergeObservation", () => {
  it("derives the type from the event type and keeps the first trace id", () => {
    const merged = mergeObservation(null, [
      e("generation-create", "2026-01-01T00:00:00Z", { id: "o", traceId: "t1", startTime: "2026-01-01T00:00:00Z", model: "gpt-4o" }),
      e("generation-update", "2026-01-01T00:00:01Z", { id: "o", traceId: "t2", endTime: "2026-01-01T00:00:03Z" }),
    ]);
    expect(merged).toMatchObject({ type: "GENERATION", traceId: "t1", model: "gpt-4o", level: "DEFAULT" });
    expect(merged.endTime?.toISOString()).toBe("2026-01-01T00:00:03.000Z");
  });

  it("clamps an end time before the start time", () => {
    const merged = mergeObservation(null, [
      e("span-create", "2026-01-01T00:00:05Z", { id: "o", startTime: "2026-01-01T00:00:05Z", endTime: "2026-01-01T00:00:01Z" }),
    ]);
    expect(merged.endTime?.toISOString()).toBe(merged.startTime.toISOString());
  });

  it("takes the observation type of legacy observation-* events from the body", () => {
    expect(mergeObservation(null, [e("observation-create", "2026-01-01T00:00:00Z", { id: "o", type: "EVENT" })]).type).toBe("EVENT");
  });

  it("orders creates before updates on equal timestamps", () => {
    const ts = "2026-01-01T00:00:00Z";
    const merged = mergeObservation(null, [
      e("span-update", ts, { id: "o", name: "update" }),
      e("span-create", ts, { id: "o", name: "create" }),
    ]);
    expect(merged.name).toBe("update");
    expect(eventClock(e("span-create", ts, { id: "o" })) < eventClock(e("span-update", ts, { id: "o" }))).toBe(true);
  });

  // The bug of issue 7.5: the legacy SDK sends a long span's create and its update in different
  // flushes, and the worker merged the update first.
  it("takes the start time from a create merged after its update, not from the update's envelope", () => {
    const update = e("span-update", "2026-01-01T00:00:28.700Z", { id: "o", traceId: "t", endTime: "2026-01-01T00:00:28.700Z" });
    const create = e("span-create", "2026-01-01T00:00:00.100Z", { id: "o", traceId: "t", startTime: "2026-01-01T00:00:00.000Z" });
    const afterUpdate = mergeObservation(null, [update]);
    expect(afterUpdate.startTime.toISOString()).toBe("2026-01-01T00:00:28.700Z");
    const merged = mergeObservation(afterUpdate, [create]);
    expect(merged.startTime.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(merged.endTime?.toISOString()).toBe("2026-01-01T00:00:28.700Z");
    expect(merged).toEqual(mergeObservation(null, [create, update]));
  });

  it("keeps the end time as sent when a start time corrected later moves before it", () => {
    const update = e("span-update", "2026-01-01T00:00:10Z", { id: "o", endTime: "2026-01-01T00:00:05Z" });
    const create = e("span-create", "2026-01-01T00:00:01Z", { id: "o", startTime: "2026-01-01T00:00:01Z" });
    const clamped = mergeObservation(null, [update]);
    expect(clamped.endTime?.toISOString()).toBe("2026-01-01T00:00:10.000Z");
    expect(mergeObservation(clamped, [create]).endTime?.toISOString()).toBe("2026-01-01T00:00:05.000Z");
  });
});

/** The reference semantics of metadata: every patch deep-merged in clock order. */
function deepMerge(base: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? deepMerge(prev, value) : value;
  }
  return out;
}

describe("mergeMetadata", () => {
  it("replaces arrays and primitives, merges objects", () => {
    const state = emptyMergeState();
    const first = mergeMetadata({}, state, { a: [1], b: { c: 1 }, d: 1 }, "1");
    expect(mergeMetadata(first, state, { a: [2], b: { e: 2 }, d: { f: 1 } }, "2")).toEqual({ a: [2], b: { c: 1, e: 2 }, d: { f: 1 } });
  });

  // Small key and value spaces, so patches collide on paths, replace subtrees and nest again.
  const key = fc.constantFrom("a", "b", "c");
  const leaf = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(null), fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }));
  const { patch } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small" }, leaf, tie("patch")),
    patch: fc.dictionary(key, tie("value"), { minKeys: 1, maxKeys: 3 }) as fc.Arbitrary<JsonObject>,
  }));

  it("gives the deep merge in clock order, whatever order the patches arrive in", () => {
    fc.assert(
      fc.property(
        fc
          .array(patch as fc.Arbitrary<JsonObject>, { minLength: 1, maxLength: 5 })
          .chain((patches) => fc.tuple(fc.constant(patches), fc.shuffledSubarray([...patches.keys()], { minLength: patches.length }))),
        ([patches, order]) => {
          const clock = (i: number) => String(i).padStart(3, "0");
          const expected = patches.reduce<JsonObject>((acc, p) => deepMerge(acc, p), {});
          const state = emptyMergeState();
          let merged: JsonObject = {};
          for (const i of order) merged = mergeMetadata(merged, state, patches[i] as JsonObject, clock(i));
          expect(merged).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});

// Order independence (issue 7.5): any permutation of one entity's events, split into any batches,
// each batch merged over what the previous ones stored, gives the same row and merge state.

const BASE = Date.parse("2026-01-01T00:00:00.000Z");
const iso = (offsetMs: number) => new Date(BASE + offsetMs).toISOString();
const at = fc.integer({ min: 0, max: 5 }).map((s) => iso(s * 1000));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const metadataPatch = fc.dictionary(
  fc.constantFrom("run", "user", "nested"),
  fc.oneof(fc.integer({ min: 0, max: 3 }), fc.dictionary(fc.constantFrom("x", "y"), fc.integer({ min: 0, max: 3 }), { minKeys: 1 })),
  { minKeys: 1, maxKeys: 2 },
);

/** Split `items` into consecutive batches at the given cut points. */
function split<T>(items: T[], cuts: boolean[]): T[][] {
  const batches: T[][] = [[]];
  items.forEach((item, i) => {
    if (i > 0 && cuts[i]) batches.push([]);
    (batches.at(-1) as T[]).push(item);
  });
  return batches;
}

/** What the database hands back: a fresh copy, the merge state through its stored (packed JSON) form. */
const stored = <R extends { mergeState: MergeState }>(record: R): R => ({
  ...structuredClone(record),
  mergeState: readMergeState(JSON.parse(JSON.stringify(packMergeState(record.mergeState)))),
});

function foldInBatches<R extends { mergeState: MergeState }, E>(merge: (existing: R | null, events: E[]) => R, batches: E[][]): R {
  let rec: R | null = null;
  for (const batch of batches) rec = stored(merge(rec, batch));
  return rec as R;
}

const arrivals = <E>(events: fc.Arbitrary<E[]>) =>
  events.chain((list) =>
    fc.tuple(
      fc.constant(list),
      fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
      fc.array(fc.boolean(), { minLength: list.length, maxLength: list.length }),
    ),
  );

describe("merges do not depend on arrival order", () => {
  const spanEvents = fc
    .tuple(
      fc.record({
        timestamp: at,
        startTime: maybe(at),
        name: maybe(fc.constantFrom("create", "renamed")),
        input: maybe(fc.constantFrom("question", { q: 1 })),
        metadata: maybe(metadataPatch),
        environment: maybe(fc.constantFrom("prod", "staging")),
        level: maybe(fc.constantFrom("DEFAULT", "WARNING")),
      }),
      fc.array(
        fc.record({
          timestamp: at,
          startTime: maybe(at),
          endTime: maybe(at),
          name: maybe(fc.constantFrom("update", "final")),
          output: maybe(fc.constantFrom("answer", "", { a: 1 })),
          metadata: maybe(metadataPatch),
          level: maybe(fc.constantFrom("WARNING", "ERROR")),
          statusMessage: maybe(fc.constantFrom("ok", "failed")),
          environment: maybe(fc.constantFrom("prod", "dev")),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    )
    .map(([create, updates]): TObservationEvent[] => [
      e("span-create", create.timestamp, { id: "span", traceId: "trace", ...withoutTimestamp(create) }),
      ...updates.map((u) => e("span-update", u.timestamp, { id: "span", traceId: "trace", ...withoutTimestamp(u) })),
    ]);

  it("folds every permutation of a span's create, update and end events to the same row", () => {
    fc.assert(
      fc.property(arrivals(spanEvents), ([events, arrival, cuts]) => {
        const reference: ObservationRecord = stored(mergeObservation(null, events));
        expect(foldInBatches(mergeObservation, split(arrival, cuts))).toEqual(reference);
      }),
      { numRuns: 1000 },
    );
  });

  const traceEvents = fc
    .array(
      fc.record({
        timestamp: at,
        bodyTimestamp: maybe(at),
        name: maybe(fc.constantFrom("a", "b")),
        userId: maybe(fc.constantFrom("u1", "u2")),
        tags: maybe(fc.subarray(["x", "y", "z"])),
        public: maybe(fc.boolean()),
        metadata: maybe(metadataPatch),
        environment: maybe(fc.constantFrom("prod", "staging")),
        output: maybe(fc.constantFrom("out", "")),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((list): TTraceEvent[] =>
      list.map(({ timestamp, bodyTimestamp, ...rest }) => e("trace-create", timestamp, { id: "trace", timestamp: bodyTimestamp, ...rest })),
    );

  it("folds every permutation of a trace's events to the same row", () => {
    fc.assert(
      fc.property(arrivals(traceEvents), ([events, arrival, cuts]) => {
        const reference: TraceRecord = stored(mergeTrace(null, events));
        expect(foldInBatches(mergeTrace, split(arrival, cuts))).toEqual(reference);
      }),
      { numRuns: 1000 },
    );
  });
});

function withoutTimestamp<T extends { timestamp: string }>({ timestamp: _, ...rest }: T): Omit<T, "timestamp"> {
  return rest;
}

import type { TAcceptedEvent } from "@loupe/contracts";
import { describe, expect, it } from "vitest";
import { deepMerge, mergeObservation, mergeTrace, sortEvents } from "./merge.ts";

const e = (type: TAcceptedEvent["type"], timestamp: string, body: Record<string, unknown>): TAcceptedEvent => ({
  id: `${type}-${timestamp}`,
  type,
  timestamp,
  body,
});

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

  it("keeps the first timestamp and environment (immutable once set)", () => {
    const base = mergeTrace(null, [e("trace-create", "2026-01-01T00:00:00Z", { id: "t", environment: "staging" })]);
    const merged = mergeTrace(base, [
      e("trace-create", "2026-01-02T00:00:00Z", { id: "t", timestamp: "2026-02-01T00:00:00Z", environment: "prod" }),
    ]);
    expect(merged.environment).toBe("staging");
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
    const sorted = sortEvents([e("span-update", "2026-01-01T00:00:00Z", {}), e("span-create", "2026-01-01T00:00:00Z", {})]);
    expect(sorted.map((x) => x.type)).toEqual(["span-create", "span-update"]);
  });
});

describe("deepMerge", () => {
  it("replaces arrays and primitives, merges objects", () => {
    expect(deepMerge({ a: [1], b: { c: 1 }, d: 1 }, { a: [2], b: { e: 2 }, d: { f: 1 } })).toEqual({
      a: [2],
      b: { c: 1, e: 2 },
      d: { f: 1 },
    });
  });
});

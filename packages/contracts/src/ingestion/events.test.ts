import { describe, expect, it } from "vitest";
import { OBSERVATION_TYPES } from "../common/observation-types.ts";
import { INGESTION_EVENT_TYPES, observationCreateEvent, parseIngestionEvent, ZEventBody, ZGenerationBody, ZSpanBody } from "./events.ts";

const ts = "2026-01-01T00:00:00.000Z";

describe("INGESTION_EVENT_TYPES", () => {
  it("has a -create event for every observation type, derived from OBSERVATION_TYPES", () => {
    for (const type of OBSERVATION_TYPES) {
      const def = INGESTION_EVENT_TYPES[observationCreateEvent(type)];
      expect(def).toMatchObject({ kind: "observation", observationType: type });
      expect(def.body).toBe(type === "SPAN" ? ZSpanBody : type === "EVENT" ? ZEventBody : ZGenerationBody);
    }
    const creates = Object.keys(INGESTION_EVENT_TYPES).filter(
      (t) => t.endsWith("-create") && !["trace-create", "score-create", "observation-create"].includes(t),
    );
    expect(creates.sort()).toEqual(OBSERVATION_TYPES.map((t) => `${t.toLowerCase()}-create`).sort());
  });
});

describe("parseIngestionEvent", () => {
  it("accepts every documented event type with a minimal body", () => {
    const types = [
      "span-create",
      "span-update",
      "generation-create",
      "generation-update",
      "event-create",
      "agent-create",
      "tool-create",
      "chain-create",
      "retriever-create",
      "evaluator-create",
      "embedding-create",
      "guardrail-create",
    ];
    for (const type of types) {
      expect(parseIngestionEvent({ id: "e", type, timestamp: ts, body: { id: "o", traceId: "t" } })).toMatchObject({ ok: true });
    }
    expect(parseIngestionEvent({ id: "e", type: "trace-create", timestamp: ts, body: { id: "t" } })).toMatchObject({ ok: true });
    expect(parseIngestionEvent({ id: "e", type: "sdk-log", timestamp: ts, body: { log: "x" } })).toMatchObject({ ok: true });
  });

  it("accepts timestamps with offsets and any fractional precision", () => {
    for (const timestamp of ["2026-01-01T00:00:00Z", "2026-01-01T00:00:00.123456789Z", "2026-01-01T02:00:00+02:00"]) {
      expect(parseIngestionEvent({ id: "e", type: "trace-create", timestamp, body: { id: "t" } }).ok).toBe(true);
    }
  });

  it("names the problem of an invalid event and keeps its id", () => {
    const r = parseIngestionEvent({ id: "e1", type: "span-create", timestamp: ts, body: { id: "o", level: "LOUD" } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.id).toBe("e1");
      expect(JSON.stringify(r.details)).toContain("level");
    }
  });

  it("rejects ids with carriage returns or over 800 characters", () => {
    expect(parseIngestionEvent({ id: "e", type: "trace-create", timestamp: ts, body: { id: "a\rb" } }).ok).toBe(false);
    expect(parseIngestionEvent({ id: "e", type: "trace-create", timestamp: ts, body: { id: "x".repeat(801) } }).ok).toBe(false);
  });

  it("enforces score targets and value types", () => {
    const score = (body: Record<string, unknown>) =>
      parseIngestionEvent({ id: "e", type: "score-create", timestamp: ts, body: { name: "s", ...body } }).ok;
    expect(score({ value: 1, traceId: "t" })).toBe(true);
    expect(score({ value: 1, sessionId: "s" })).toBe(true);
    expect(score({ value: 1 })).toBe(false);
    expect(score({ value: 1, traceId: "t", sessionId: "s" })).toBe(false);
    expect(score({ value: 1, observationId: "o", sessionId: "s" })).toBe(false);
    expect(score({ value: 2, dataType: "BOOLEAN", traceId: "t" })).toBe(false);
    expect(score({ value: "good", dataType: "NUMERIC", traceId: "t" })).toBe(false);
  });

  it("never throws on garbage", () => {
    for (const raw of [null, undefined, 1, "x", [], {}, { type: "trace-create" }, { id: 5, type: "x", timestamp: ts, body: [] }]) {
      expect(parseIngestionEvent(raw).ok).toBe(false);
    }
  });
});

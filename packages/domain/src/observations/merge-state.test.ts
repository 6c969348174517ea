import type { TObservationEvent } from "@loupe/contracts";
import { describe, expect, it } from "vitest";
import { type ObservationRecord, mergeObservation } from "./merge.ts";
import { type MergeState, packMergeState, readMergeState } from "./merge-state.ts";

const T1 = "001767225600000.0.0000000000000001";
const T2 = "001767225601000.1.0000000000000002";
const T3 = "001767225602000.1.0000000000000003";

/** A state as version 1 stored it (main until ADR 0004): field names, one clock index each. */
const V1_STORED = {
  c: [T1, T2],
  d: ["environment"],
  f: { name: 0, type: 0, input: 0, model: 1, output: 1, endTime: 1, traceId: 0, startTime: 0 },
  m: { '["a"]': 0, '["b","c"]': 1 },
  e: "2026-01-01T00:00:00.000Z",
};
const V1_READ: MergeState = {
  clocks: { name: T1, type: T1, input: T1, model: T2, output: T2, endTime: T2, traceId: T1, startTime: T1 },
  derived: ["environment"],
  metadata: { '["a"]': T1, '["b","c"]': T2 },
  endTime: "2026-01-01T00:00:00.000Z",
};

/** Stored as JSONB and read back: what the database hands the next merge. */
const throughJson = (value: unknown) => JSON.parse(JSON.stringify(value));

function storedGeneration(mergeState: MergeState): ObservationRecord {
  return {
    id: "g",
    traceId: "t",
    parentObservationId: null,
    type: "GENERATION",
    name: "stored",
    startTime: new Date("2026-01-01T00:00:00Z"),
    endTime: new Date("2026-01-01T00:00:01Z"),
    completionStartTime: null,
    level: "DEFAULT",
    statusMessage: null,
    version: null,
    environment: "default",
    model: "gpt-4o",
    modelParameters: null,
    input: "in",
    output: "out",
    metadata: { a: 1, b: { c: 2 } },
    promptName: null,
    promptVersion: null,
    providedUsageDetails: {},
    providedCostDetails: {},
    mergeState,
  };
}

describe("merge state encoding", () => {
  it("reads states stored in version 1", () => {
    expect(readMergeState(throughJson(V1_STORED))).toEqual(V1_READ);
    expect(readMergeState({})).toEqual({ clocks: {}, derived: [], metadata: {} });
    expect(readMergeState(null)).toEqual({ clocks: {}, derived: [], metadata: {} });
  });

  it("writes version 2 and reads it back unchanged", () => {
    const packed = throughJson(packMergeState(V1_READ));
    expect(packed).toEqual({
      v: 2,
      c: [T1, T2],
      f: ["bkgml", "qhs"],
      d: "j",
      m: { '["a"]': 0, '["b","c"]': 1 },
      e: "2026-01-01T00:00:00.000Z",
    });
    expect(readMergeState(packed)).toEqual(V1_READ);
    // Without metadata or a clamped end time, neither is stored.
    expect(packMergeState({ clocks: { name: T3 }, derived: [], metadata: {} })).toEqual({ v: 2, c: [T3], f: ["b"], d: "" });
  });

  it("stores a typical generation's state in well under half of version 1's bytes", () => {
    const clocks = Object.fromEntries(
      ["name", "type", "input", "model", "output", "endTime", "traceId", "startTime", "parentObservationId", "providedUsageDetails"].map(
        (f) => [f, T1],
      ),
    );
    const state: MergeState = { clocks, derived: ["environment"], metadata: {} };
    const v1 = { c: [T1], d: ["environment"], f: Object.fromEntries(Object.keys(clocks).map((f) => [f, 0])), m: {} };
    expect(JSON.stringify(packMergeState(state)).length).toBeLessThan(JSON.stringify(v1).length / 2);
  });

  it("merges a row stored with a version 1 state exactly as the same state in version 2", () => {
    const events: TObservationEvent[] = [
      // Older than the stored model and output (T2): loses to them; newer than the name (T1): wins.
      {
        id: "late",
        type: "generation-update",
        timestamp: "2026-01-01T00:00:00.500Z",
        body: { id: "g", name: "late name", model: "old-model", output: "old output" },
      },
      {
        id: "newer",
        type: "generation-update",
        timestamp: "2026-01-01T00:00:05Z",
        body: { id: "g", metadata: { b: { d: 3 } }, environment: "prod" },
      },
    ] as TObservationEvent[];
    const fromV1 = mergeObservation(storedGeneration(readMergeState(throughJson(V1_STORED))), events);
    const fromV2 = mergeObservation(storedGeneration(readMergeState(throughJson(packMergeState(V1_READ)))), events);
    expect(fromV1).toEqual(fromV2);
    expect(fromV1).toMatchObject({ name: "late name", model: "gpt-4o", output: "out", environment: "prod" });
    expect(fromV1.metadata).toEqual({ a: 1, b: { c: 2, d: 3 } });
    expect(readMergeState(throughJson(packMergeState(fromV1.mergeState)))).toEqual(fromV1.mergeState);
  });

  it("refuses to pack a field it has no code for, instead of dropping its clock", () => {
    expect(() => packMergeState({ clocks: { brandNewField: T1 }, derived: [], metadata: {} })).toThrow(/FIELD_CODES/);
  });
});

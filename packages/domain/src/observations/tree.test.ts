import { describe, expect, it } from "vitest";
import { buildObservationTree, flattenTree } from "./tree.ts";

const o = (id: string, parentObservationId: string | null, startTime: string) => ({ id, parentObservationId, startTime });

describe("buildObservationTree", () => {
  it("nests children under parents, ordered by start time, with depths", () => {
    const roots = buildObservationTree([
      o("c2", "a", "2026-01-01T00:00:03Z"),
      o("a", null, "2026-01-01T00:00:00Z"),
      o("c1", "a", "2026-01-01T00:00:01Z"),
      o("g", "c1", "2026-01-01T00:00:02Z"),
    ]);
    expect(flattenTree(roots).map((n) => [n.id, n.depth])).toEqual([
      ["a", 0],
      ["c1", 1],
      ["g", 2],
      ["c2", 1],
    ]);
  });

  it("shows orphans (missing parent) as roots", () => {
    const roots = buildObservationTree([o("x", "missing", "2026-01-01T00:00:00Z")]);
    expect(roots.map((r) => r.id)).toEqual(["x"]);
  });

  it("does not lose nodes in a parent cycle", () => {
    const all = flattenTree(buildObservationTree([o("a", "b", "2026-01-01T00:00:00Z"), o("b", "a", "2026-01-01T00:00:01Z")]));
    expect(all.map((n) => n.id).sort()).toEqual(["a", "b"]);
  });

  it("handles a 5,000-deep chain without overflowing the stack", () => {
    const chain = Array.from({ length: 5000 }, (_, i) => o(`n${i}`, i === 0 ? null : `n${i - 1}`, new Date(i).toISOString()));
    const flat = flattenTree(buildObservationTree(chain));
    expect(flat).toHaveLength(5000);
    expect(flat.at(-1)?.depth).toBe(4999);
  });
});

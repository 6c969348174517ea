import { describe, expect, it } from "vitest";
import { nameMatches, orderMatches, searchNeedle, stepMatch } from "./trace-search.ts";

describe("trace search", () => {
  it("normalises the query: trimmed, case-folded, empty is nothing, long is cut", () => {
    expect(searchNeedle("  Lookup_Order ")).toBe("lookup_order");
    expect(searchNeedle("   ")).toBeNull();
    expect(searchNeedle("x".repeat(500))).toHaveLength(200);
  });

  it("matches names case-insensitively, and the type of unnamed observations", () => {
    expect(nameMatches({ name: "search-Orders", type: "RETRIEVER" }, "orders")).toBe(true);
    expect(nameMatches({ name: "answer", type: "GENERATION" }, "orders")).toBe(false);
    expect(nameMatches({ name: null, type: "TOOL" }, "tool")).toBe(true);
  });

  it("orders matches from several sources by the tree, without duplicates", () => {
    const tree = ["root", "a", "b", "c", "d"];
    expect(orderMatches(tree, new Set(["d", "a"]), new Set(["a", "c", "unknown"]))).toEqual(["a", "c", "d"]);
    expect(orderMatches(tree)).toEqual([]);
  });

  it("steps forward and back through the matches, wrapping at both ends", () => {
    expect(stepMatch(3, -1, 1)).toBe(0);
    expect(stepMatch(3, -1, -1)).toBe(2);
    expect(stepMatch(3, 0, 1)).toBe(1);
    expect(stepMatch(3, 2, 1)).toBe(0);
    expect(stepMatch(3, 0, -1)).toBe(2);
    expect(stepMatch(3, 7, 1)).toBe(0);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });
});

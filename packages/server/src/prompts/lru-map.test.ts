import { describe, expect, it } from "vitest";
import { LruMap } from "./lru-map.ts";

describe("LruMap", () => {
  it("evicts the least recently used entry past the entry limit", () => {
    const lru = new LruMap<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1); // a is now the most recent
    lru.set("c", 3);
    expect([lru.get("a"), lru.get("b"), lru.get("c")]).toEqual([1, undefined, 3]);
  });

  it("evicts past the weight limit and keeps the weight right on replace", () => {
    const lru = new LruMap<string, string>(100, 10, (v) => v.length);
    lru.set("a", "xxxx");
    lru.set("b", "yyyy");
    lru.set("a", "zz"); // replaces: weight 6, not 10
    lru.set("c", "wwww"); // 10: fits
    expect(lru.size).toBe(3);
    lru.set("d", "v"); // 11: the oldest (b) goes
    expect(lru.get("b")).toBeUndefined();
    expect(lru.size).toBe(3);
  });
});

import { getNiceTickValues } from "recharts";
import { describe, expect, it } from "vitest";
import { valueAxis } from "./axis";

/** The ticks recharts draws for a domain [0, max] with these props. */
const ticks = (axis: ReturnType<typeof valueAxis>, max: number) => getNiceTickValues([0, max], axis.tickCount, axis.allowDecimals);

describe("valueAxis", () => {
  it("ticks counts on whole numbers only, without stretching a small range", () => {
    for (const max of [0, 1, 2, 2.5, 3, 4, 7, 13, 99, 1234, 56_789]) {
      const t = ticks(valueAxis(["count"], max), max);
      expect(t.every(Number.isInteger), `max ${max}: ${t}`).toBe(true);
      expect(new Set(t).size, `max ${max}: ${t}`).toBe(t.length);
      expect(Math.max(...t), `max ${max}: ${t}`).toBeGreaterThanOrEqual(max);
      // The top tick stays near the data: 0–1 is drawn as 0, 1, not 0…4.
      expect(Math.max(...t), `max ${max}: ${t}`).toBeLessThanOrEqual(Math.max(1, 2 * max));
    }
    expect(ticks(valueAxis(["count"], 1), 1)).toEqual([0, 1]);
    expect(ticks(valueAxis(["count"], 3), 3)).toEqual([0, 1, 2, 3]);
  });

  it("keeps fractional ticks for costs, durations, shares and scores, and for an axis mixing them with counts", () => {
    for (const units of [["cost"], ["duration"], ["ratio"], ["score"], ["count", "cost"]] as const) {
      const axis = valueAxis([...units], 1);
      expect(axis.allowDecimals).toBe(true);
      expect(ticks(axis, 1).some((t) => !Number.isInteger(t))).toBe(true);
    }
    expect(valueAxis(["cost"], 0.5).tickFormatter(0.25)).toBe("$0.25");
    expect(valueAxis(["count"], 5000).tickFormatter(2000)).toBe("2K");
  });
});

import { describe, expect, it } from "vitest";
import { formatCost, formatTimestamp, formatUtc } from "./format.ts";

describe("formatCost", () => {
  it("never uses exponent notation for tiny costs", () => {
    expect(formatCost(5.6e-7)).toBe("$0.00000056");
    expect(formatCost(1.234e-6)).toBe("$0.0000012");
    expect(formatCost(3e-12)).toBe("<$0.00000001");
    for (let e = -20; e <= 9; e++) expect(formatCost(1.7 * 10 ** e)).not.toMatch(/e/i);
  });
  it("keeps sensible precision across magnitudes", () => {
    expect(formatCost(0)).toBe("$0");
    expect(formatCost(0.00042)).toBe("$0.00042");
    expect(formatCost(0.1234)).toBe("$0.1234");
    expect(formatCost(0.5)).toBe("$0.50");
    expect(formatCost(1.234)).toBe("$1.23");
    expect(formatCost(12_400)).toBe("$12.4k");
    expect(formatCost(3_100_000)).toBe("$3.1M");
    expect(formatCost(-0.00042)).toBe("-$0.00042");
    expect(formatCost(null)).toBe("–");
    expect(formatCost(Number.NaN)).toBe("–");
  });
});

describe("timestamps", () => {
  it("name their time zone, with UTC as the unambiguous form", () => {
    expect(formatTimestamp("2026-12-01T12:05:03.123Z", "Europe/Berlin")).toBe("01 Dec 2026, 13:05:03 CET");
    expect(formatTimestamp("2026-12-01T12:05:03.123Z", "UTC")).toBe("01 Dec 2026, 12:05:03 UTC");
    expect(formatUtc("2026-12-01T12:05:03.123Z")).toBe("2026-12-01 12:05:03.123 UTC");
  });
});

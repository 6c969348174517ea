import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvHeader, csvLines, jsonLines } from "./table-export.ts";

const columns = ["id", "name", "tags", "cost"] as const;

describe("table export formats", () => {
  it("quotes commas, quotes and newlines so a CSV reader gets the values back", () => {
    const rows = [
      { id: "a", name: 'say "hi", then\nleave', tags: ["x", "y,z"], cost: 0.5 },
      { id: "b", name: null, tags: [], cost: null },
    ];
    const text = csvHeader(columns) + csvLines(columns, rows);
    expect(text.endsWith("\r\n")).toBe(true);
    const parsed = Papa.parse<string[]>(text.trimEnd(), { newline: "\r\n" }).data;
    expect(parsed).toEqual([
      ["id", "name", "tags", "cost"],
      ["a", 'say "hi", then\nleave', '["x","y,z"]', "0.5"],
      ["b", "", "[]", ""],
    ]);
  });

  it("defuses cells a spreadsheet would run as a formula, but not numbers", () => {
    const rows = ['=HYPERLINK("x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "plain"].map((name, i) => ({ id: String(i), name, cost: -5 }));
    const parsed = Papa.parse<string[]>(csvLines(columns, rows).trimEnd(), { newline: "\r\n" }).data;
    expect(parsed.map((r) => r[1])).toEqual(['\'=HYPERLINK("x")', "'+1", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx", "plain"]);
    expect(parsed.map((r) => r[3])).toEqual(Array(7).fill("-5"));
  });

  it("writes nothing for no rows", () => {
    expect(csvLines(columns, [])).toBe("");
    expect(jsonLines(columns, [])).toBe("");
  });

  it("writes one JSON object per line with exactly the columns", () => {
    const text = jsonLines(columns, [{ id: "a", name: "line\nbreak", extra: "dropped", tags: ["t"] }]);
    expect(text.split("\n")).toHaveLength(2);
    expect(JSON.parse(text)).toEqual({ id: "a", name: "line\nbreak", tags: ["t"], cost: null });
  });
});

import { describe, expect, it } from "vitest";
import { importMappingProblem, importRowItem, MAX_IMPORT_ROWS, parseImportFile, suggestImportMapping } from "./item-import.ts";

describe("parseImportFile csv", () => {
  it("reads a header row and quoted cells with commas and newlines", () => {
    const parsed = parseImportFile("csv", 'question,answer\n"2+2, please?",4\n"multi\nline","x ""quoted"""\n');
    expect(parsed.fileError).toBeNull();
    expect(parsed.columns).toEqual(["question", "answer"]);
    expect(parsed.rows).toEqual([
      { row: 2, values: { question: "2+2, please?", answer: "4" } },
      { row: 3, values: { question: "multi\nline", answer: 'x "quoted"' } },
    ]);
  });

  it("reports rows with the wrong number of values by line, and keeps the others", () => {
    const parsed = parseImportFile("csv", "a,b\n1,2\n3\n4,5,6\n7,8\n");
    expect(parsed.rows.map((r) => r.row)).toEqual([2, 5]);
    expect(parsed.errors).toHaveLength(2);
    expect(parsed.errors[0]).toMatchObject({ row: 3 });
    expect(parsed.errors[0]?.message).toMatch(/one value per header column/);
    expect(parsed.errors[1]).toMatchObject({ row: 4 });
  });

  it("turns JSON object/array cells into JSON and empty cells into null; strips a BOM", () => {
    const parsed = parseImportFile("csv", '\uFEFFinput,meta,empty\n"{""q"":1}","[1,2]",\n"{not json}",plain, \n');
    expect(parsed.columns).toEqual(["input", "meta", "empty"]);
    expect(parsed.rows[0]?.values).toEqual({ input: { q: 1 }, meta: [1, 2], empty: null });
    expect(parsed.rows[1]?.values).toEqual({ input: "{not json}", meta: "plain", empty: null });
  });

  it("refuses files without a header, with duplicate columns, or too many rows", () => {
    expect(parseImportFile("csv", "").fileError).toMatch(/empty/);
    expect(parseImportFile("csv", "a,a\n1,2\n").fileError).toMatch(/"a" twice/);
    const big = `x\n${"1\n".repeat(MAX_IMPORT_ROWS + 1)}`;
    expect(parseImportFile("csv", big).fileError).toMatch(/more than 10000 rows/);
  });
});

describe("parseImportFile jsonl", () => {
  it("collects keys across lines and reports bad lines by line number", () => {
    const parsed = parseImportFile("jsonl", '{"input":"a","expectedOutput":"b"}\n\nnot json\n[1]\n{"input":{"q":2},"metadata":{"k":1}}\n');
    expect(parsed.columns).toEqual(["input", "expectedOutput", "metadata"]);
    expect(parsed.rows.map((r) => r.row)).toEqual([1, 5]);
    expect(parsed.errors.map((e) => e.row)).toEqual([3, 4]);
    expect(parsed.errors[0]?.message).toMatch(/Not valid JSON/);
    expect(parsed.errors[1]?.message).toMatch(/JSON object/);
  });
});

describe("mapping", () => {
  it("suggests input/expected output/metadata from common column names", () => {
    expect(suggestImportMapping(["Question", "answer", "metadata"])).toEqual({
      input: ["Question"],
      expectedOutput: ["answer"],
      metadata: ["metadata"],
    });
    expect(suggestImportMapping(["text", "label"])).toEqual({ input: ["text"], expectedOutput: [], metadata: [] });
  });

  it("one column gives its value, several an object by column name", () => {
    const values = { q: "2+2?", ctx: "math", a: "4", src: "book" };
    expect(importRowItem(values, { input: ["q", "ctx"], expectedOutput: ["a"], metadata: ["src"] })).toEqual({
      input: { q: "2+2?", ctx: "math" },
      expectedOutput: "4",
      metadata: { src: "book" },
    });
    expect(importRowItem({ q: "x", m: { k: 1 } }, { input: ["q"], expectedOutput: [], metadata: ["m"] })).toMatchObject({
      metadata: { k: 1 },
    });
    expect(importRowItem({ q: null }, { input: ["q"], expectedOutput: [], metadata: [] })).toEqual({ error: "The input (q) is empty" });
    expect(importRowItem({ q: null, ctx: null }, { input: ["q", "ctx"], expectedOutput: [], metadata: [] })).toEqual({
      error: "The input (q, ctx) is empty",
    });
    expect(importRowItem({ q: null, ctx: "x" }, { input: ["q", "ctx"], expectedOutput: [], metadata: [] })).toMatchObject({
      input: { q: null, ctx: "x" },
    });
  });

  it("names what is wrong with a mapping", () => {
    expect(importMappingProblem({ input: [], expectedOutput: [], metadata: [] }, ["a"])).toMatch(/at least one column/);
    expect(importMappingProblem({ input: ["zz"], expectedOutput: [], metadata: [] }, ["a"])).toMatch(/"zz".*not in the file/);
    expect(importMappingProblem({ input: ["a"], expectedOutput: ["a"], metadata: [] }, ["a"])).toMatch(/two fields/);
    expect(importMappingProblem({ input: ["a"], expectedOutput: [], metadata: [] }, ["a"])).toBeNull();
  });

  it("replaces NUL and lone surrogates like every ingested text", () => {
    const item = importRowItem({ q: "a\u0000b\ud800" }, { input: ["q"], expectedOutput: [], metadata: [] });
    expect(item).toEqual({ input: "a\ufffdb\ufffd", expectedOutput: null, metadata: null });
  });
});

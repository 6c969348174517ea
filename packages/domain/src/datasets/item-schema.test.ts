import { describe, expect, it } from "vitest";
import { datasetSchemaProblem, itemSchemaIssues, MAX_DATASET_SCHEMA_BYTES } from "./item-schema.ts";

const question = { type: "object", properties: { question: { type: "string" } }, required: ["question"] };

describe("datasetSchemaProblem", () => {
  it("accepts a usable schema and no schema", () => {
    expect(datasetSchemaProblem(question)).toBeNull();
    expect(datasetSchemaProblem(null)).toBeNull();
    expect(datasetSchemaProblem(undefined)).toBeNull();
  });

  it.each([
    [[1, 2], "not an array"],
    ["string", "must be a JSON Schema object"],
    [{ type: "no-such-type" }, "is not a valid JSON Schema"],
    [{ $ref: "https://example.com/remote.json" }, "is not a valid JSON Schema"],
    [{ type: "string", pattern: "^(?=a)" }, "lookahead or lookbehind, which Loupe's linear-time regex engine (RE2) does not support"],
    [{ type: "object", patternProperties: { "(x)\\1": { type: "string" } } }, "backreferences"],
    [{ properties: { a: { anyOf: [{ pattern: "(" }] } } }, "is not a valid regular expression"],
    [{ pattern: "a".repeat(501) }, "longer than 500"],
    [{ description: "x".repeat(MAX_DATASET_SCHEMA_BYTES) }, "the limit is 65536"],
  ])("refuses %j", (schema, reason) => {
    expect(datasetSchemaProblem(schema)).toContain(reason);
  });
});

describe("itemSchemaIssues", () => {
  it("passes matching items and explains the ones that do not match, per field", () => {
    const schemas = { inputSchema: question, expectedOutputSchema: { type: "string" } };
    expect(itemSchemaIssues(schemas, { input: { question: "why?" }, expectedOutput: "because" })).toEqual([]);
    const issues = itemSchemaIssues(schemas, { input: { q: 1 }, expectedOutput: 42 });
    expect(issues.map((i) => i.field)).toEqual(["input", "expectedOutput"]);
    expect(issues[0]?.message).toContain("must have required property 'question'");
    expect(issues[1]?.message).toContain("must be string");
  });

  it("checks a missing value as null, and ignores fields without a schema", () => {
    expect(itemSchemaIssues({ inputSchema: question, expectedOutputSchema: null }, { input: undefined, expectedOutput: 5 })).toHaveLength(
      1,
    );
    expect(itemSchemaIssues({ inputSchema: null, expectedOutputSchema: null }, { input: 1, expectedOutput: 2 })).toEqual([]);
  });

  it("runs patterns in linear time: catastrophic-backtracking patterns on 64 KB strings answer", () => {
    // On V8's RegExp each of these takes longer than the test timeout; on RE2 they are linear.
    for (const pattern of ["^(a+)+$", "^(a|a)*$", "^(a|aa)+$"]) {
      const schemas = { inputSchema: { type: "string", pattern }, expectedOutputSchema: null };
      expect(itemSchemaIssues(schemas, { input: `${"a".repeat(65_536)}!`, expectedOutput: null })).toHaveLength(1);
    }
  });

  it("applies a pattern to a 64 KB string", () => {
    const schemas = { inputSchema: { type: "string", pattern: "^[a-z]+$" }, expectedOutputSchema: null };
    expect(itemSchemaIssues(schemas, { input: "a".repeat(65_536), expectedOutput: null })).toEqual([]);
    expect(itemSchemaIssues(schemas, { input: `${"a".repeat(65_536)}!`, expectedOutput: null })).toHaveLength(1);
  });
});

import type { TEvalOutputDefinition } from "@loupe/contracts";
import { describe, expect, it } from "vitest";
import { EVALUATOR_LIBRARY } from "./library.ts";
import { inSample, jsonPathProblem, mappingProblems, mapValue } from "./mapping.ts";
import { parseVerdict, verdictJsonSchema } from "./verdict.ts";

const numeric: TEvalOutputDefinition = {
  dataType: "NUMERIC",
  reasoning: { description: "why" },
  score: { description: "0..1", minValue: 0, maxValue: 1 },
};
const boolean: TEvalOutputDefinition = { dataType: "BOOLEAN", reasoning: { description: "why" }, score: { description: "toxic?" } };
const categorical: TEvalOutputDefinition = {
  dataType: "CATEGORICAL",
  reasoning: { description: "why" },
  score: { description: "c", categories: ["concise", "verbose"], shouldAllowMultipleMatches: false },
};

describe("parseVerdict", () => {
  it("reads structured output (an object) and plain JSON", () => {
    expect(parseVerdict({ reasoning: "fine", score: 0.8 }, numeric)).toEqual({
      ok: true,
      verdict: { value: 0.8, stringValue: null, reasoning: "fine" },
    });
    expect(parseVerdict('{"reasoning":"ok","score":"0.25"}', numeric)).toMatchObject({ ok: true, verdict: { value: 0.25 } });
  });

  it("copes with ugly answers: fences, prose around JSON, trailing commas, single quotes, Python literals", () => {
    expect(parseVerdict('Sure! Here you go:\n```json\n{"reasoning": "grounded", "score": 1,}\n```\nHope it helps', numeric)).toMatchObject({
      ok: true,
      verdict: { value: 1, reasoning: "grounded" },
    });
    expect(parseVerdict("My verdict: {'reasoning': 'rude words', 'score': True}", boolean)).toMatchObject({
      ok: true,
      verdict: { value: 1, stringValue: "True", reasoning: "rude words" },
    });
    expect(parseVerdict('{"Reasoning": "a {nested} brace", "Score": "VERBOSE"}', categorical)).toMatchObject({
      ok: true,
      verdict: { stringValue: "verbose", reasoning: "a {nested} brace" },
    });
  });

  it("falls back to score: lines when there is no JSON at all", () => {
    expect(parseVerdict("Reasoning: the answer repeats itself\nScore: 0.3", numeric)).toMatchObject({
      ok: true,
      verdict: { value: 0.3, reasoning: "the answer repeats itself" },
    });
  });

  it("says why an answer is refused", () => {
    expect(parseVerdict("I cannot judge this.", numeric)).toEqual({ ok: false, error: expect.stringContaining("has no score") });
    expect(parseVerdict('{"score": 7, "reasoning": "x"}', numeric)).toEqual({ ok: false, error: expect.stringContaining("outside 0..1") });
    expect(parseVerdict('{"score": "maybe"}', boolean)).toEqual({ ok: false, error: expect.stringContaining("not true or false") });
    expect(parseVerdict('{"score": "short"}', categorical)).toEqual({
      ok: false,
      error: expect.stringContaining("not one of concise, verbose"),
    });
    expect(parseVerdict('{"score": ["concise", "verbose"]}', categorical)).toEqual({
      ok: false,
      error: expect.stringContaining("several"),
    });
    expect(parseVerdict("", numeric)).toEqual({ ok: false, error: expect.stringContaining("(empty)") });
  });

  it("asks for the score type in the JSON schema", () => {
    expect(verdictJsonSchema(numeric)).toMatchObject({
      properties: { score: { type: "number", minimum: 0, maximum: 1 } },
      required: ["reasoning", "score"],
    });
    expect(verdictJsonSchema(categorical)).toMatchObject({ properties: { score: { enum: ["concise", "verbose"] } } });
  });
});

describe("variable mapping", () => {
  const trace = { input: { messages: [{ role: "user", content: "hi" }] }, output: "hello", metadata: { docs: ["a", "b"] } };

  it("reads a field whole or narrowed by JSONPath", () => {
    expect(mapValue(trace, { object: "trace", source: "output" })).toEqual({ ok: true, value: "hello" });
    expect(mapValue(trace, { object: "trace", source: "input", jsonPath: "$.messages[0].content" })).toEqual({ ok: true, value: "hi" });
    expect(mapValue(trace, { object: "trace", source: "metadata", jsonPath: "$.docs[*]" })).toEqual({
      ok: true,
      value: '[\n  "a",\n  "b"\n]',
    });
  });

  it("says when a path matches nothing or a field is missing", () => {
    expect(mapValue(trace, { object: "trace", source: "input", jsonPath: "$.nope" })).toEqual({
      ok: false,
      problem: "JSONPath $.nope matches nothing in the trace's input",
    });
    expect(mapValue({ ...trace, output: null }, { object: "trace", source: "output" })).toMatchObject({
      ok: false,
      problem: "the trace has no output",
    });
    expect(mapValue(null, { object: "observation", objectName: "retrieve", source: "output" })).toMatchObject({
      ok: false,
      problem: 'no observation "retrieve" to read output from',
    });
  });

  it("refuses unbounded or broken JSONPath", () => {
    expect(jsonPathProblem("$.a[?(@.b > 1)]")).toMatch(/filter and script/);
    expect(jsonPathProblem("$..a..b..c")).toMatch(/two recursive/);
    expect(jsonPathProblem("$.a[0")).toMatch(/without its \]/);
    expect(jsonPathProblem("a.b")).toMatch(/starts with \$/);
    expect(jsonPathProblem("$.a.b")).toBeNull();
  });

  it("checks a mapping against the evaluator's variables", () => {
    const problems = mappingProblems(
      ["input", "output"],
      [
        { variable: "input", object: "trace", source: "input" },
        { variable: "inptu", object: "trace", source: "input" },
      ],
    );
    expect(problems).toEqual([
      { field: "mapping[1].variable", message: expect.stringContaining('"inptu" is not a variable') },
      { field: "mapping", message: 'map the variable "output"' },
    ]);
  });

  it("samples deterministically per rule and target", () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `t${i}`);
    const picked = ids.filter((id) => inSample("rule", id, 0.25)).length;
    expect(picked).toBeGreaterThan(400);
    expect(picked).toBeLessThan(600);
    expect(ids.filter((id) => inSample("rule", id, 0.25)).length).toBe(picked);
    expect(inSample("rule", "x", 1)).toBe(true);
  });
});

describe("evaluator library", () => {
  it("ships the nine templates, each with the variables its prompt uses", () => {
    expect(EVALUATOR_LIBRARY.map((t) => t.key)).toEqual([
      "hallucination",
      "faithfulness",
      "answer-relevance",
      "context-relevance",
      "correctness",
      "helpfulness",
      "toxicity",
      "conciseness",
      "language-match",
    ]);
    expect(EVALUATOR_LIBRARY.find((t) => t.key === "correctness")?.variables).toEqual(["input", "expected_output", "output"]);
  });
});

import { describe, expect, it } from "vitest";
import { describeMissingInput, experimentVariable, fillExperimentPrompt } from "./experiment-input.ts";

describe("filling a prompt from a dataset item", () => {
  it("fills text prompt variables by input key, non-strings as JSON", () => {
    expect(fillExperimentPrompt("Capital of {{country}} in {{year}}?", { country: "France", year: 1900, extra: true })).toEqual({
      messages: [{ role: "user", content: "Capital of France in 1900?" }],
      missing: [],
    });
    expect(fillExperimentPrompt("Summarise {{doc}}", { doc: { title: "x" } }).messages[0]?.content).toBe('Summarise {"title":"x"}');
  });

  it("reports what the input lacks (null counts as missing), and fills a one-variable prompt from a plain input", () => {
    expect(fillExperimentPrompt("{{a}} and {{b}}", { a: "x", b: null }).missing).toEqual(["b"]);
    expect(fillExperimentPrompt("Translate {{text}}", "bonjour").messages).toEqual([{ role: "user", content: "Translate bonjour" }]);
    expect(fillExperimentPrompt("{{a}} {{b}}", "plain").missing).toEqual(["a", "b"]);
    expect(describeMissingInput(["country"], { city: "Oslo" })).toBe(
      "The item's input has no value for {{country}} (it has city); give its input these keys",
    );
    expect(describeMissingInput(["q"], "text")).toMatch(/it is not an object/);
  });

  it("fills chat messages and placeholders; unknown roles are sent as user", () => {
    const prompt = [
      { role: "system", content: "You answer about {{topic}}." },
      { type: "placeholder" as const, name: "history" },
      { role: "critic", content: "{{question}}" },
    ];
    const filled = fillExperimentPrompt(prompt, {
      topic: "maps",
      question: "Where?",
      history: [{ role: "user", content: "hi" }],
    });
    expect(filled).toEqual({
      messages: [
        { role: "system", content: "You answer about maps." },
        { role: "user", content: "hi" },
        { role: "user", content: "Where?" },
      ],
      missing: [],
    });
    expect(fillExperimentPrompt(prompt, { topic: "maps", question: "q", history: "not messages" }).missing).toEqual(["history"]);
  });
});

describe("evaluator variables of an experiment item", () => {
  const sources = { input: { q: "2+2?" }, expectedOutput: "4", metadata: null, output: "4" };
  it("reads the item's fields and the run's output, narrowed by JSONPath", () => {
    expect(experimentVariable(sources, { variable: "q", source: "input", jsonPath: "$.q" })).toEqual({ ok: true, value: "2+2?" });
    expect(experimentVariable(sources, { variable: "o", source: "output" })).toEqual({ ok: true, value: "4" });
    expect(experimentVariable(sources, { variable: "e", source: "expectedOutput" })).toEqual({ ok: true, value: "4" });
  });
  it("names what is missing", () => {
    expect(experimentVariable(sources, { variable: "m", source: "metadata" })).toEqual({ ok: false, problem: "the item has no metadata" });
    expect(experimentVariable(sources, { variable: "q", source: "input", jsonPath: "$.nope" })).toEqual({
      ok: false,
      problem: "JSONPath $.nope matches nothing in the item's input",
    });
  });
});

import { describe, expect, it } from "vitest";
import { BUILTIN_MODELS } from "./builtin-models.ts";
import {
  compareModelPrecedence,
  compileModelPattern,
  matchModel,
  modelMatches,
  toRe2Pattern,
  tryCompileModelPattern,
} from "./match-model.ts";
import type { ModelDefinition } from "./model-definition.ts";

const model = (over: Partial<ModelDefinition> & Pick<ModelDefinition, "id" | "matchPattern">): ModelDefinition => ({
  source: "project",
  modelName: over.id,
  startDate: null,
  tokenizerId: null,
  tokenizerConfig: null,
  priceUpdated: null,
  provenance: null,
  tiers: [{ name: "Standard", isDefault: true, priority: 0, conditions: [], prices: { input: 1 } }],
  ...over,
});

/** The compiled RE2 pattern; throws with RE2's reason when it does not compile. */
function toRegex(pgPattern: string) {
  const compiled = compileModelPattern(pgPattern);
  if (!compiled.ok) throw new SyntaxError(compiled.reason);
  return compiled.regex;
}

describe("compileModelPattern", () => {
  it("turns a leading (?i) into the case-insensitive flag", () => {
    const translated = toRe2Pattern("(?i)^(openai/)?(gpt-4o)$");
    expect(translated.source).toBe("^(openai/)?(gpt-4o)$");
    expect(translated.flags.caseInsensitive).toBe(true);
    const regex = toRegex("(?i)^(openai/)?(gpt-4o)$");
    expect(regex.test("OpenAI/GPT-4o")).toBe(true);
    expect(toRegex("^gpt-4o$").test("GPT-4O")).toBe(false);
  });

  it("handles the other syntax found in the price table (\\/, \\d, \\., $$)", () => {
    expect(toRegex("(?i)^(anthropic\\/)?(claude-sonnet-4-6)$").test("anthropic/claude-sonnet-4-6")).toBe(true);
    expect(toRegex("(?i)^(openai/)?(gpt-4(-\\d{4})?-vision-preview)$").test("gpt-4-1106-vision-preview")).toBe(true);
    expect(toRegex("(?i)^(ft:)(davinci-002:)(.+)(:)(.*)(:)(.+)$$").test("ft:davinci-002:org:x:id")).toBe(true);
    expect(toRegex("(?i)^(eu\\.)?anthropic\\.claude$").test("eu.anthropic.claude")).toBe(true);
    expect(toRegex("(?i)^(eu\\.)?anthropic\\.claude$").test("euXanthropicXclaude")).toBe(false);
  });

  it("translates Postgres-only escapes and bracket elements", () => {
    expect(toRegex("\\ygpt\\y").test("my gpt model")).toBe(true);
    expect(toRegex("\\ygpt\\y").test("chatgpt")).toBe(false);
    expect(toRegex("\\mgpt").test("a gpt")).toBe(true);
    expect(toRegex("\\mgpt").test("agpt")).toBe(false);
    expect(toRegex("gpt\\M").test("gpt-4")).toBe(true);
    expect(toRegex("\\Agpt-[[:digit:]]+\\Z").test("gpt-42")).toBe(true);
    expect(toRegex("\\Agpt-[[:digit:]]+\\Z").test("gpt-4x")).toBe(false);
    expect(toRegex("^[[:alpha:]_]+$").test("abc_DEF")).toBe(true);
    expect(toRegex("^[]a]+$").test("]a]")).toBe(true);
    expect(toRegex("^[^]a]+$").test("bcd")).toBe(true);
    expect(toRegex("^[[.-.]x]+$").test("-x-")).toBe(true);
  });

  it("supports embedded options, literal and expanded syntax", () => {
    expect(toRegex("(?c)^GPT$").test("gpt")).toBe(false);
    expect(toRegex("***=gpt-4.1 (preview)").test("gpt-4.1 (preview)")).toBe(true);
    expect(toRegex("***=gpt-4.1").test("gpt-4x1")).toBe(false);
    expect(toRegex("(?q)a+b").test("xa+b")).toBe(true);
    expect(toRegex("(?ix) ^ gpt - 4o  # the model\n $").test("GPT-4O")).toBe(true);
    expect(toRegex("***:(?i)^gpt$").test("GPT")).toBe(true);
  });

  it("lets . match newlines like Postgres, unless newline-sensitive (?n)", () => {
    expect(toRegex("a.b").test("a\nb")).toBe(true);
    expect(toRegex("(?n)a.b").test("a\nb")).toBe(false);
    expect(toRegex("(?n)^b$").test("a\nb")).toBe(true);
    expect(toRegex("^b$").test("a\nb")).toBe(false);
  });

  it("refuses invalid patterns; tryCompileModelPattern returns null and caches", () => {
    expect(() => toRegex("(unclosed")).toThrow(SyntaxError);
    expect(() => toRegex("[[:nope:]]")).toThrow(SyntaxError);
    expect(() => toRegex("(?b)a")).toThrow(SyntaxError);
    expect(() => toRegex("abc\\")).toThrow(SyntaxError);
    expect(tryCompileModelPattern("(unclosed")).toBeNull();
    expect(tryCompileModelPattern("(?i)^x$")).toBe(tryCompileModelPattern("(?i)^x$"));
  });

  it("refuses backreferences and lookahead, saying RE2 does not support them", () => {
    for (const pattern of ["^(a)\\1$", "^gpt(?=-4)", "^gpt(?!-4)"]) {
      const compiled = compileModelPattern(pattern);
      expect(compiled.ok).toBe(false);
      expect(!compiled.ok && compiled.reason).toMatch(/linear-time regex engine \(RE2\) does not support/);
    }
  });

  it("runs a catastrophic-backtracking pattern in linear time", () => {
    // (?i)^(a+)+$ on 28 a's and a "!" held the shared worker for seconds with JavaScript's RegExp.
    const model = { matchPattern: "(?i)^(a+)+$" };
    for (const name of [`${"a".repeat(28)}!`, `${"a".repeat(100_000)}!`]) {
      const started = performance.now();
      expect(modelMatches(model, name)).toBe(false);
      expect(performance.now() - started).toBeLessThan(50);
    }
    expect(modelMatches(model, "AAAA")).toBe(true);
  });
});

describe("matchModel with built-ins", () => {
  it.each([
    ["gpt-4o", "builtin-gpt-4o"],
    ["gpt-4o-mini", "builtin-gpt-4o-mini"],
    ["openai/gpt-4o", "builtin-gpt-4o"],
    ["GPT-4O", "builtin-gpt-4o"],
    ["gpt-4o-2024-08-06", "builtin-gpt-4o-2024-08-06"],
    ["gpt-3.5-turbo", "builtin-gpt-3.5-turbo"],
    ["gpt-35-turbo", "builtin-gpt-3.5-turbo"],
    ["claude-sonnet-4-5", "builtin-claude-sonnet-4-5-20250929"],
    ["us.anthropic.claude-sonnet-4-5-20250929-v1:0", "builtin-claude-sonnet-4-5-20250929"],
    ["anthropic/claude-opus-4-8", "builtin-claude-opus-4-8"],
    ["claude-3-5-sonnet-20241022", "builtin-claude-3.5-sonnet-20241022"],
    ["googleai/gemini-2.5-flash", "builtin-gemini-2.5-flash"],
    ["gemini-3.1-pro-preview-customtools", "builtin-gemini-3.1-pro-preview"],
    ["text-bison@001", "builtin-text-bison"],
    ["ft:gpt-3.5-turbo-0613:acme::8abc", "builtin-ft-gpt-3.5-turbo-0613"],
  ])("%s → %s", (name, id) => {
    expect(matchModel(name, BUILTIN_MODELS)?.id).toBe(id);
  });

  it.each(["gpt-4o-foo", "my-gpt-4o", "gpt-4o ", "azure/gpt-4o", "", "llama-3-70b"])("%j → no match", (name) => {
    expect(matchModel(name, BUILTIN_MODELS)).toBeNull();
  });

  it("tolerates non-string names", () => {
    expect(matchModel(undefined as unknown as string, BUILTIN_MODELS)).toBeNull();
    expect(matchModel(42 as unknown as string, BUILTIN_MODELS)).toBeNull();
  });
});

describe("matchModel precedence", () => {
  const builtin = BUILTIN_MODELS.find((m) => m.id === "builtin-gpt-4o") as ModelDefinition;
  const projectOld = model({ id: "p-old", matchPattern: "(?i)^(openai/)?gpt-4o$", startDate: new Date("2025-01-01T00:00:00Z") });
  const projectNew = model({ id: "p-new", matchPattern: "(?i)^(openai/)?gpt-4o$", startDate: new Date("2026-06-01T00:00:00Z") });
  const projectAlways = model({ id: "p-always", matchPattern: "(?i)^gpt-4o$", startDate: null });

  it("prefers project models over built-ins", () => {
    expect(matchModel("gpt-4o", [builtin, projectAlways])?.id).toBe("p-always");
    expect(matchModel("gpt-4o", [projectAlways, builtin])?.id).toBe("p-always");
  });

  it("prefers the newest startDate, nulls last", () => {
    expect(matchModel("gpt-4o", [projectAlways, projectOld, projectNew, builtin])?.id).toBe("p-new");
    expect(matchModel("gpt-4o", [projectAlways, projectOld, builtin])?.id).toBe("p-old");
  });

  it("skips models whose startDate is after `at`", () => {
    const candidates = [projectAlways, projectOld, projectNew, builtin];
    expect(matchModel("gpt-4o", candidates, new Date("2026-01-01T00:00:00Z"))?.id).toBe("p-old");
    expect(matchModel("gpt-4o", candidates, new Date("2026-06-01T00:00:00Z"))?.id).toBe("p-new");
    expect(matchModel("gpt-4o", candidates, new Date("2024-01-01T00:00:00Z"))?.id).toBe("p-always");
    expect(matchModel("gpt-4o", [projectNew, builtin], new Date("2024-01-01T00:00:00Z"))?.id).toBe("builtin-gpt-4o");
  });

  it("only considers candidates whose pattern matches; invalid patterns never match", () => {
    const broken = model({ id: "broken", matchPattern: "(?i)^(gpt-4o" });
    expect(matchModel("gpt-4o", [broken, builtin])?.id).toBe("builtin-gpt-4o");
    expect(modelMatches(broken, "gpt-4o")).toBe(false);
    expect(matchModel("openai/gpt-4o", [projectAlways, builtin])?.id).toBe("builtin-gpt-4o");
  });

  it("orders by compareModelPrecedence", () => {
    const sorted = [builtin, projectAlways, projectOld, projectNew].sort(compareModelPrecedence).map((m) => m.id);
    expect(sorted).toEqual(["p-new", "p-old", "p-always", "builtin-gpt-4o"]);
  });
});

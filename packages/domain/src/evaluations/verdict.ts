import type { TEvalOutputDefinition } from "@loupe/contracts";

// The judge's answer: what structured output asks the provider for, and a parser that also copes with
// providers (or models) that ignore the schema and answer in prose, fenced JSON, or almost-JSON.

export type Verdict = { value: number | null; stringValue: string | null; reasoning: string };
export type VerdictResult = { ok: true; verdict: Verdict } | { ok: false; error: string };

/** The JSON schema of the answer (reasoning first, so the model reasons before it scores). */
export function verdictJsonSchema(def: TEvalOutputDefinition): Record<string, unknown> {
  const score =
    def.dataType === "NUMERIC"
      ? {
          type: "number",
          description: def.score.description,
          ...(def.score.minValue != null ? { minimum: def.score.minValue } : {}),
          ...(def.score.maxValue != null ? { maximum: def.score.maxValue } : {}),
        }
      : def.dataType === "BOOLEAN"
        ? { type: "boolean", description: def.score.description }
        : def.score.shouldAllowMultipleMatches
          ? { type: "array", items: { type: "string", enum: def.score.categories }, description: def.score.description }
          : { type: "string", enum: def.score.categories, description: def.score.description };
  return {
    type: "object",
    properties: { reasoning: { type: "string", description: def.reasoning.description }, score },
    required: ["reasoning", "score"],
    additionalProperties: false,
  };
}

/** The instruction appended to every judge prompt, for providers that do not enforce the schema. */
export function verdictInstruction(def: TEvalOutputDefinition): string {
  const what =
    def.dataType === "NUMERIC"
      ? `a number${def.score.minValue != null && def.score.maxValue != null ? ` from ${def.score.minValue} to ${def.score.maxValue}` : ""}`
      : def.dataType === "BOOLEAN"
        ? "true or false"
        : def.score.shouldAllowMultipleMatches
          ? `a list of one or more of: ${def.score.categories.join(", ")}`
          : `exactly one of: ${def.score.categories.join(", ")}`;
  return `Answer only with a JSON object {"reasoning": string, "score": ${what}}. reasoning: ${def.reasoning.description} score: ${def.score.description}`;
}

const MAX_ANSWER = 100_000;

/** Candidate JSON objects in a text: fenced blocks first, then each balanced {...} span. */
function jsonCandidates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/```(?:json)?\s*([\s\S]*?)```/gi)) if (m[1]) out.push(m[1].trim());
  for (let start = text.indexOf("{"); start !== -1 && out.length < 20; start = text.indexOf("{", start + 1)) {
    let depth = 0;
    let inString = false;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === "\\") i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) {
        out.push(text.slice(start, i + 1));
        break;
      }
    }
  }
  return out;
}

/** JSON.parse, then once more after the usual model slips: trailing commas, single quotes, Python literals. */
function looseParse(candidate: string): unknown {
  try {
    return JSON.parse(candidate);
  } catch {}
  const repaired = candidate
    .replace(/,\s*([}\]])/g, "$1")
    .replace(/'([^'\\]*)'/g, '"$1"')
    .replace(/\bTrue\b/g, "true")
    .replace(/\bFalse\b/g, "false")
    .replace(/\bNone\b/g, "null");
  try {
    return JSON.parse(repaired);
  } catch {
    return undefined;
  }
}

const pick = (o: Record<string, unknown>, keys: string[]) => {
  const lower = new Map(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));
  for (const k of keys) if (lower.has(k)) return lower.get(k);
  return undefined;
};

function toScore(
  raw: unknown,
  def: TEvalOutputDefinition,
): { ok: true; value: number | null; stringValue: string | null } | { ok: false; error: string } {
  if (def.dataType === "NUMERIC") {
    const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw.trim()) : Number.NaN;
    if (!Number.isFinite(n)) return { ok: false, error: `the judge's score is not a number: ${JSON.stringify(raw)?.slice(0, 80)}` };
    const { minValue, maxValue } = def.score;
    if ((minValue != null && n < minValue) || (maxValue != null && n > maxValue))
      return { ok: false, error: `the judge's score ${n} is outside ${minValue ?? "-∞"}..${maxValue ?? "∞"}` };
    return { ok: true, value: n, stringValue: null };
  }
  if (def.dataType === "BOOLEAN") {
    const s = String(raw).trim().toLowerCase();
    if (raw === true || ["true", "yes", "1", "pass"].includes(s)) return { ok: true, value: 1, stringValue: "True" };
    if (raw === false || ["false", "no", "0", "fail"].includes(s)) return { ok: true, value: 0, stringValue: "False" };
    return { ok: false, error: `the judge's score is not true or false: ${JSON.stringify(raw)?.slice(0, 80)}` };
  }
  const labels = (Array.isArray(raw) ? raw : [raw]).map((l) => String(l).trim());
  const matched = labels.map((l) => def.score.categories.find((c) => c.toLowerCase() === l.toLowerCase()));
  if (labels.length === 0 || matched.some((m) => m === undefined))
    return { ok: false, error: `the judge answered ${JSON.stringify(raw)?.slice(0, 80)}, not one of ${def.score.categories.join(", ")}` };
  if (matched.length > 1 && !def.score.shouldAllowMultipleMatches)
    return { ok: false, error: "the judge gave several categories where one was asked for" };
  return { ok: true, value: null, stringValue: [...new Set(matched)].join(", ") };
}

/**
 * The verdict in a judge's answer: a JSON object (as structured output returns it, or somewhere in the
 * text), else `score: x` / `reasoning: …` lines. Every failure says what was wrong, for the execution log.
 */
export function parseVerdict(answer: string | Record<string, unknown>, def: TEvalOutputDefinition): VerdictResult {
  let object: Record<string, unknown> | undefined = typeof answer === "object" ? answer : undefined;
  const text = typeof answer === "string" ? answer.slice(0, MAX_ANSWER) : "";
  if (!object) {
    for (const candidate of jsonCandidates(text)) {
      const parsed = looseParse(candidate);
      if (
        parsed &&
        typeof parsed === "object" &&
        !Array.isArray(parsed) &&
        pick(parsed as Record<string, unknown>, ["score", "value", "verdict"]) !== undefined
      ) {
        object = parsed as Record<string, unknown>;
        break;
      }
    }
  }
  if (!object) {
    const score = /["']?(?:score|verdict)["']?\s*[:=]\s*["']?([^"'\n,}]+)/i.exec(text)?.[1]?.trim();
    if (score === undefined) return { ok: false, error: `the judge's answer has no score: ${text.trim().slice(0, 120) || "(empty)"}` };
    const reasoning = /["']?reasoning["']?\s*[:=]\s*["']?([^\n]*)/i
      .exec(text)?.[1]
      ?.replace(/["',]+$/, "")
      .trim();
    object = { score, reasoning: reasoning ?? text.trim() };
  }
  const score = toScore(pick(object, ["score", "value", "verdict"]), def);
  if (!score.ok) return score;
  const reasoning = pick(object, ["reasoning", "explanation", "reason", "rationale"]);
  return {
    ok: true,
    verdict: {
      value: score.value,
      stringValue: score.stringValue,
      reasoning: typeof reasoning === "string" ? reasoning.slice(0, 10_000) : "",
    },
  };
}

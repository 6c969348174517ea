import { JSON_PATH_MAX, type MappingSource, type TVariableMapping } from "@loupe/contracts";
import { JSONPath } from "jsonpath-plus";

// Variable mapping: which field of the trace (or of a named observation) fills each {{variable}} of the
// judge prompt, optionally narrowed by JSONPath. Tenant-supplied paths run in a shared worker, so they
// are bounded: at most JSON_PATH_MAX characters, at most two recursive descents, no filter or script
// expressions (jsonpath-plus with eval off), and documents over MAX_DOCUMENT_CHARS are refused.

const MAX_DOCUMENT_CHARS = 1_000_000;
/** A filled variable longer than this is cut (judge prompts have a context window). */
export const MAX_VARIABLE_CHARS = 20_000;

/** Why a JSONPath is refused, or null when it may run. */
export function jsonPathProblem(path: string): string | null {
  if (path.length > JSON_PATH_MAX) return `JSONPath is at most ${JSON_PATH_MAX} characters`;
  if (!path.startsWith("$")) return "JSONPath starts with $";
  if (/[?]\s*\(|\(\s*@|\(\s*\$/.test(path)) return "JSONPath filter and script expressions ([?(...)], [(...)]) are not supported";
  if ((path.match(/\.\./g) ?? []).length > 2) return "JSONPath may use at most two recursive descents (..)";
  let depth = 0;
  let quote: string | null = null;
  for (const c of path) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "[") depth++;
    else if (c === "]" && --depth < 0) return "JSONPath has a ] without its [";
  }
  if (quote) return "JSONPath has an unclosed quote";
  if (depth !== 0) return "JSONPath has a [ without its ]";
  if (/\.$/.test(path) && !path.endsWith("..")) return "JSONPath ends with a dot";
  return null;
}

/** The fields a mapping can read, of one trace or observation. */
export type MappableObject = { input: unknown; output: unknown; metadata: unknown };

export type MappedValue = { ok: true; value: string } | { ok: false; problem: string };

const asText = (v: unknown) => (typeof v === "string" ? v : (JSON.stringify(v, null, 2) ?? ""));
const cut = (s: string) => (s.length > MAX_VARIABLE_CHARS ? `${s.slice(0, MAX_VARIABLE_CHARS)}…` : s);

/** One variable's value: the source field, narrowed by the JSONPath when given. Nothing matched is a problem, not an empty string. */
export function mapValue(
  object: MappableObject | null,
  mapping: Pick<TVariableMapping, "source" | "jsonPath" | "object" | "objectName">,
): MappedValue {
  const where = mapping.object === "observation" && mapping.objectName ? `observation "${mapping.objectName}"` : mapping.object;
  if (!object) return { ok: false, problem: `no ${where} to read ${mapping.source} from` };
  return mapField(object[mapping.source as MappingSource], mapping.jsonPath, `the ${where}`, mapping.source);
}

/**
 * One field's value as a variable, narrowed by the JSONPath when given. `owner` and `source` name the
 * field in problems ("the trace", "input"). Experiments map dataset item fields through this too.
 */
export function mapField(field: unknown, jsonPath: string | null | undefined, owner: string, source: string): MappedValue {
  if (field === null || field === undefined) return { ok: false, problem: `${owner} has no ${source}` };
  const path = jsonPath?.trim();
  if (!path) return { ok: true, value: cut(asText(field)) };
  const problem = jsonPathProblem(path);
  if (problem) return { ok: false, problem };
  const json = typeof field === "string" ? tryJson(field) : field;
  if (JSON.stringify(json).length > MAX_DOCUMENT_CHARS)
    return {
      ok: false,
      problem: `${owner}'s ${source} is over ${MAX_DOCUMENT_CHARS / 1_000_000} MB; JSONPath is not run on it`,
    };
  let found: unknown[];
  try {
    found = JSONPath({ path, json: json as object, eval: false, wrap: true }) as unknown[];
  } catch (error) {
    return { ok: false, problem: `JSONPath ${path}: ${(error as Error).message}` };
  }
  if (found.length === 0) return { ok: false, problem: `JSONPath ${path} matches nothing in ${owner}'s ${source}` };
  return { ok: true, value: cut(found.length === 1 ? asText(found[0]) : asText(found)) };
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Problems of a mapping against the evaluator's variables: each mapped exactly once, no unknown ones. */
export function mappingProblems<M extends Pick<TVariableMapping, "variable" | "jsonPath">>(
  variables: readonly string[],
  mapping: readonly M[],
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const known = new Set(variables);
  const seen = new Set<string>();
  mapping.forEach((m, i) => {
    if (!known.has(m.variable))
      problems.push({
        field: `mapping[${i}].variable`,
        message: `"${m.variable}" is not a variable of the evaluator's prompt (${variables.join(", ") || "it has none"})`,
      });
    else if (seen.has(m.variable)) problems.push({ field: `mapping[${i}].variable`, message: `"${m.variable}" is mapped twice` });
    seen.add(m.variable);
    const path = m.jsonPath?.trim();
    const problem = path ? jsonPathProblem(path) : null;
    if (problem) problems.push({ field: `mapping[${i}].jsonPath`, message: problem });
  });
  for (const v of variables) if (!seen.has(v)) problems.push({ field: "mapping", message: `map the variable "${v}"` });
  return problems;
}

/**
 * Whether a target is in a rule's sample: a hash of rule and target, so the decision is the same every
 * time the target is seen (a retried batch or an updated trace neither adds nor drops it).
 */
export function inSample(ruleId: string, targetId: string, sampling: number): boolean {
  if (sampling >= 1) return true;
  let h = 2166136261;
  for (const c of `${ruleId}:${targetId}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (h >>> 0) / 4294967296 < sampling;
}

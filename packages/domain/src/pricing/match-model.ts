/**
 * Model matching (langfuse-api.md §8.2): an observation's `model` string is tested against each candidate's
 * `matchPattern`, a Postgres (ARE) regular expression, e.g. `(?i)^(openai/)?(gpt-4o)$`. Patterns come from
 * tenants and run on the shared worker, so they are translated to RE2 syntax and run in linear time.
 */
import { type CompiledLinearRegex, compileLinearRegex, type LinearRegex } from "../regex/linear-regex.ts";
import type { ModelDefinition } from "./model-definition.ts";

const POSIX_CLASSES: Record<string, string> = {
  alnum: "a-zA-Z0-9",
  alpha: "a-zA-Z",
  blank: " \\t",
  cntrl: "\\x00-\\x1f\\x7f",
  digit: "0-9",
  graph: "\\x21-\\x7e",
  lower: "a-z",
  print: "\\x20-\\x7e",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\s",
  upper: "A-Z",
  word: "\\w",
  xdigit: "0-9a-fA-F",
};

/**
 * Escapes outside brackets whose meaning differs between Postgres ARE and RE2. RE2 has no lookaround, so
 * `\m`/`\M` (start/end of a word) become `\b`: the same wherever they sit next to a word character, as
 * they do in any useful pattern.
 */
const ESCAPES: Record<string, string> = {
  A: "\\A", // start of string only
  Z: "\\z", // end of string only
  m: "\\b", // start of word
  M: "\\b", // end of word
  y: "\\b",
  Y: "\\B",
  e: "\\x1b",
};

function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** Removes whitespace and `#` comments outside brackets and escapes (Postgres `x` option). */
function stripExpanded(source: string): string {
  let out = "";
  let inBracket = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === "\\" && i + 1 < source.length) {
      out += ch + source[++i];
    } else if (inBracket) {
      out += ch;
      if (ch === "]") inBracket = false;
    } else if (ch === "[") {
      inBracket = true;
      out += ch;
      if (source[i + 1] === "^") out += source[++i];
      if (source[i + 1] === "]") out += source[++i];
    } else if (ch === "#") {
      while (i < source.length && source[i] !== "\n") i++;
    } else if (!/\s/.test(ch)) {
      out += ch;
    }
  }
  return out;
}

function translateBody(source: string): string {
  let out = "";
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === "\\") {
      const next = source[i + 1];
      if (next === undefined) throw new SyntaxError("pattern ends with a backslash");
      out += ESCAPES[next] ?? `\\${next}`;
      i++;
      continue;
    }
    if (ch !== "[") {
      out += ch;
      continue;
    }
    // Bracket expression: POSIX classes, equivalence/collating elements, leading literal "]".
    out += "[";
    i++;
    if (source[i] === "^") {
      out += "^";
      i++;
    }
    if (source[i] === "]") {
      out += "\\]";
      i++;
    }
    let closed = false;
    for (; i < source.length; i++) {
      const c = source[i] as string;
      if (c === "]") {
        out += "]";
        closed = true;
        break;
      }
      if (c === "[" && (source[i + 1] === ":" || source[i + 1] === "=" || source[i + 1] === ".")) {
        const kind = source[i + 1] as string;
        const end = source.indexOf(`${kind}]`, i + 2);
        if (end === -1) throw new SyntaxError("unterminated bracket element");
        const name = source.slice(i + 2, end);
        if (kind === ":") {
          const cls = POSIX_CLASSES[name];
          if (cls === undefined) throw new SyntaxError(`unknown character class [:${name}:]`);
          out += cls;
        } else {
          out += escapeLiteral(name).replace(/-/g, "\\-");
        }
        i = end + 1;
        continue;
      }
      if (c === "\\" && i + 1 < source.length) {
        out += c + source[++i];
        continue;
      }
      out += c === "[" ? "\\[" : c;
    }
    if (!closed) throw new SyntaxError("unterminated bracket expression");
  }
  return out;
}

/**
 * Translates a Postgres regular expression (ARE, as used by Langfuse's `match_pattern ~ model`) into an
 * RE2 pattern with the same meaning:
 * - `***=` prefix (literal), `***:` prefix, leading embedded options `(?i)`, `(?c)`, `(?n)`, `(?w)`, `(?p)`,
 *   `(?s)`, `(?x)`, `(?q)`, `(?t)`, `(?e)` → flags / rewriting (`(?b)`, basic REs, is rejected);
 * - Postgres-only escapes `\A \Z \m \M \y \Y \e` and bracket elements `[[:alpha:]]`, `[[=a=]]`, `[[.-.]]`,
 *   and a leading `]` inside brackets.
 * As in Postgres, `.` matches newlines unless `n`/`p` is set. Throws SyntaxError on invalid ARE input;
 * RE2 then refuses what it cannot run (backreferences, lookahead), see compileModelPattern.
 */
export function toRe2Pattern(pgPattern: string): {
  source: string;
  flags: { caseInsensitive: boolean; multiline: boolean; dotAll: boolean };
} {
  let source = pgPattern;
  let caseInsensitive = false;
  let newlineSensitiveDot = false;
  let multilineAnchors = false;
  let literal = false;
  let expanded = false;

  if (source.startsWith("***=")) {
    literal = true;
    source = source.slice(4);
  } else {
    if (source.startsWith("***:")) source = source.slice(4);
    const options = /^\(\?([a-z]+)\)/.exec(source);
    if (options) {
      for (const flag of options[1] as string) {
        switch (flag) {
          case "i":
            caseInsensitive = true;
            break;
          case "c":
            caseInsensitive = false;
            break;
          case "n":
          case "m":
            newlineSensitiveDot = true;
            multilineAnchors = true;
            break;
          case "p":
            newlineSensitiveDot = true;
            multilineAnchors = false;
            break;
          case "w":
            newlineSensitiveDot = false;
            multilineAnchors = true;
            break;
          case "s":
            newlineSensitiveDot = false;
            multilineAnchors = false;
            break;
          case "x":
            expanded = true;
            break;
          case "t":
            expanded = false;
            break;
          case "q":
            literal = true;
            break;
          case "e":
            break;
          default:
            throw new SyntaxError(`unsupported embedded option "${flag}" in ${pgPattern}`);
        }
      }
      source = source.slice(options[0].length);
    }
  }

  const body = literal ? escapeLiteral(source) : translateBody(expanded ? stripExpanded(source) : source);
  return { source: body, flags: { caseInsensitive, multiline: multilineAnchors, dotAll: !newlineSensitiveDot } };
}

/**
 * A Postgres-syntax pattern compiled for linear-time matching, or the reason it cannot be (for a 400 when
 * a model is saved). `caseInsensitive` forces the i flag (usage patterns that are not case sensitive).
 */
export function compileModelPattern(pgPattern: string, options: { caseInsensitive?: boolean } = {}): CompiledLinearRegex {
  let translated: ReturnType<typeof toRe2Pattern>;
  try {
    translated = toRe2Pattern(pgPattern);
  } catch (error) {
    return { ok: false, reason: `is not a valid regular expression (${(error as Error).message})` };
  }
  const { source, flags } = translated;
  return compileLinearRegex(source, { ...flags, caseInsensitive: flags.caseInsensitive || options.caseInsensitive === true });
}

const regexCache = new Map<string, LinearRegex | null>();
const REGEX_CACHE_LIMIT = 5000;

/** Cached compileModelPattern; null when the pattern is invalid or uses syntax RE2 lacks. */
export function tryCompileModelPattern(pgPattern: string, options: { caseInsensitive?: boolean } = {}): LinearRegex | null {
  const key = `${options.caseInsensitive ? "i" : "-"}:${pgPattern}`;
  const cached = regexCache.get(key);
  if (cached !== undefined) return cached;
  const result = compileModelPattern(pgPattern, options);
  const compiled = result.ok ? result.regex : null;
  if (regexCache.size >= REGEX_CACHE_LIMIT) regexCache.clear();
  regexCache.set(key, compiled);
  return compiled;
}

/** Whether `modelName` matches the model's pattern (invalid patterns never match). */
export function modelMatches(model: Pick<ModelDefinition, "matchPattern">, modelName: string): boolean {
  const regex = tryCompileModelPattern(model.matchPattern);
  return regex?.test(modelName) === true;
}

/**
 * Precedence (§8.2): project models before built-ins, then newest `startDate` first (null last).
 * Equal candidates keep their input order.
 */
export function compareModelPrecedence(a: ModelDefinition, b: ModelDefinition): number {
  if (a.source !== b.source) return a.source === "project" ? -1 : 1;
  const at = a.startDate?.getTime() ?? Number.NEGATIVE_INFINITY;
  const bt = b.startDate?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (at === bt) return 0;
  return bt > at ? 1 : -1;
}

/**
 * The model that prices `modelName`: among candidates whose pattern matches (and whose startDate is not
 * after `at`), the first by compareModelPrecedence. Without `at` no startDate filtering happens (Langfuse's
 * actual query); ingestion should pass the observation's start time. Null when nothing matches.
 */
export function matchModel(modelName: string, candidates: readonly ModelDefinition[], at?: Date): ModelDefinition | null {
  if (typeof modelName !== "string" || modelName.length === 0) return null;
  const atTime = at instanceof Date && !Number.isNaN(at.getTime()) ? at.getTime() : undefined;
  let best: ModelDefinition | null = null;
  for (const candidate of candidates) {
    if (atTime !== undefined && candidate.startDate && candidate.startDate.getTime() > atTime) continue;
    if (!modelMatches(candidate, modelName)) continue;
    if (best === null || compareModelPrecedence(candidate, best) < 0) best = candidate;
  }
  return best;
}

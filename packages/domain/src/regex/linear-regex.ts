/**
 * Regular expressions that tenants supply (masking rules, model match patterns, usage patterns) run on
 * the shared web server and worker, so they are compiled by RE2 (the pure-JS port `re2js`): matching is
 * linear in the input whatever the pattern, where JavaScript's backtracking RegExp can take exponential
 * time (`(a+)+$`). RE2 has no backreferences and no lookaround; patterns using them are refused when saved.
 */
import { RE2JS } from "re2js";

export type LinearRegex = RE2JS;
export type LinearRegexFlags = { caseInsensitive?: boolean; dotAll?: boolean; multiline?: boolean };
export type CompiledLinearRegex = { ok: true; regex: LinearRegex } | { ok: false; reason: string };

/** Syntax a backtracking engine has and RE2 lacks; only used to word the refusal. */
const UNSUPPORTED_SYNTAX: { pattern: RegExp; what: string }[] = [
  { pattern: /\(\?<?[=!]/, what: "lookahead or lookbehind" },
  { pattern: /\\[1-9]|\\k</, what: "backreferences" },
  { pattern: /\(\?>|[*+?}][+]/, what: "atomic groups or possessive quantifiers" },
];

/** Compiles `source` (RE2 syntax) or says why not, in words fit for a 400 answer. */
export function compileLinearRegex(source: string, flags: LinearRegexFlags = {}): CompiledLinearRegex {
  const bits =
    (flags.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0) | (flags.dotAll ? RE2JS.DOTALL : 0) | (flags.multiline ? RE2JS.MULTILINE : 0);
  try {
    return { ok: true, regex: RE2JS.compile(source, bits) };
  } catch (error) {
    const unsupported = UNSUPPORTED_SYNTAX.find((u) => u.pattern.test(source));
    // Syntax: https://github.com/google/re2/wiki/Syntax
    if (unsupported)
      return { ok: false, reason: `uses ${unsupported.what}, which Loupe's linear-time regex engine (RE2) does not support` };
    const detail = (error instanceof Error ? error.message : String(error)).replace(/^error parsing regexp: /, "");
    return { ok: false, reason: `is not a valid regular expression (${detail})` };
  }
}

/**
 * A JavaScript-syntax pattern (what users type in the masking settings, e.g. `\u00e9`, `(?<name>…)`)
 * compiled by RE2. re2js's translateRegExp rewrites the JavaScript-only spellings into RE2's.
 */
export function compileJsStyleLinearRegex(source: string, flags: LinearRegexFlags = {}): CompiledLinearRegex {
  let translated: string;
  try {
    translated = RE2JS.translateRegExp(source);
  } catch {
    translated = source;
  }
  return compileLinearRegex(translated, flags);
}

/**
 * PII masking applied at ingestion, before anything is stored. Built-in detectors replace emails,
 * phone numbers, payment cards (Luhn-checked), API keys / bearer tokens / JWTs, IBANs (mod-97
 * checked) and US social security numbers with placeholders; projects can add their own regex rules.
 * Detectors are written so ISO dates, UUIDs, version numbers and plain numbers are left alone.
 *
 * Cost is linear in the text: custom rules run on RE2 (linear-regex.ts); the built-in detectors run on
 * V8's RegExp (30× faster than RE2 here) and are written so that no two match attempts rescan the same
 * run of characters: every unbounded quantifier either starts only at the beginning of a run of its
 * own characters (a lookbehind for that class) or is followed by a character it cannot contain.
 * mask-pii.test.ts pumps every short repetition over their alphabet to keep it so.
 */
import { compileJsStyleLinearRegex, type LinearRegex } from "../regex/linear-regex.ts";

export type CustomMaskingRule = { name: string; pattern: string; replacement: string };
export type CompiledMaskingRule = { name: string; regex: LinearRegex; replacement: string };

type Detector = { label: string; pattern: RegExp; accept?: (match: string) => boolean };

function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function ibanValid(raw: string): boolean {
  const iban = raw.replace(/\s+/g, "").toUpperCase();
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

// Order matters: tokens and IBANs before cards and phones, so a key's digits are not half-masked.
const DETECTORS: Detector[] = [
  // JWTs: three base64url segments, the first a JSON header ("eyJ"), starting a base64url run (so a
  // failed attempt is not retried at every "-eyJ" inside the same run: that was quadratic).
  { label: "[TOKEN]", pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g },
  // "Bearer <token>" in headers or logs.
  { label: "Bearer [TOKEN]", pattern: /\bBearer\s+[A-Za-z0-9._~+/=-]{16,}/g },
  // Well-known API key shapes: OpenAI/Anthropic (sk-…), Langfuse (sk-lf-/pk-lf-), GitHub, AWS, Slack, Google.
  {
    label: "[TOKEN]",
    pattern:
      /\b(?:sk|pk|rk)-(?:[A-Za-z0-9]+-)*[A-Za-z0-9_-]{16,}|\bgh[pousr]_[A-Za-z0-9]{30,}|\bAKIA[0-9A-Z]{16}\b|\bxox[abposr]-[A-Za-z0-9-]{10,}|\bAIza[0-9A-Za-z_-]{35}\b/g,
  },
  // The local part starts a run of local-part characters: `\b` let every "a" of "a.a.a.a…" start an
  // attempt that scanned the rest of the run (quadratic: 48 KB took over a second).
  { label: "[EMAIL]", pattern: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g },
  { label: "[IBAN]", pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g, accept: ibanValid },
  // 13–19 digit card numbers, optionally grouped by spaces or dashes, that pass the Luhn check.
  {
    label: "[CARD]",
    pattern: /(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])/g,
    accept: (m) => {
      const digits = m.replace(/\D/g, "");
      return digits.length >= 13 && digits.length <= 19 && luhn(digits);
    },
  },
  { label: "[ID]", pattern: /(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])/g },
  // Phones: an international "+" form, or a grouped national form; never bare digit runs.
  {
    label: "[PHONE]",
    pattern:
      /(?<![\w+-])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}|\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}|\d{3}[ .]\d{3}[ .]\d{4}|\d{3}-\d{3}-\d{4})(?![\w-])/g,
    accept: (m) => {
      const digits = m.replace(/\D/g, "").length;
      return digits >= 8 && digits <= 15;
    },
  },
];

export type MaskingConfig = { customRules: CustomMaskingRule[] };

/** Why RE2 refuses a custom rule's pattern (a 400 when the rule is saved), or null when it compiles. */
export function maskingPatternProblem(pattern: string): string | null {
  const compiled = compileJsStyleLinearRegex(pattern);
  return compiled.ok ? null : compiled.reason;
}

/**
 * Compiles custom rules once. Patterns are checked when saved, but one stored before Loupe ran them on
 * RE2 may not compile: it is left out (masks nothing) and returned in `invalid` for the caller to log.
 */
export function compileMaskingRules(rules: CustomMaskingRule[]): {
  rules: CompiledMaskingRule[];
  invalid: { name: string; reason: string }[];
} {
  const compiled: CompiledMaskingRule[] = [];
  const invalid: { name: string; reason: string }[] = [];
  for (const rule of rules) {
    const result = compileJsStyleLinearRegex(rule.pattern);
    if (result.ok) compiled.push({ name: rule.name, regex: result.regex, replacement: rule.replacement });
    else invalid.push({ name: rule.name, reason: result.reason });
  }
  return { rules: compiled, invalid };
}

/** Thrown inside a masking walk when its time budget is spent (see maskFields). */
class MaskingBudgetExceeded extends Error {}

type Deadline = { at: number; now: () => number };

function checkDeadline(deadline: Deadline | undefined): void {
  if (deadline && deadline.now() > deadline.at) throw new MaskingBudgetExceeded();
}

function maskStringUntil(text: string, custom: readonly CompiledMaskingRule[], deadline?: Deadline): string {
  let out = text;
  for (const d of DETECTORS) {
    out = out.replace(d.pattern, (m) => (d.accept && !d.accept(m) ? m : d.label));
  }
  for (const rule of custom) {
    checkDeadline(deadline);
    out = rule.regex.matcher(out).replaceAll(rule.replacement);
  }
  checkDeadline(deadline);
  return out;
}

export function maskString(text: string, custom: readonly CompiledMaskingRule[] = []): string {
  return maskStringUntil(text, custom);
}

function maskJsonUntil(value: unknown, custom: readonly CompiledMaskingRule[], deadline?: Deadline): unknown {
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") return maskStringUntil(v, custom, deadline);
    if (typeof v !== "object" || v === null || depth > 1000) return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, depth + 1)]));
  };
  return walk(value, 0);
}

/** Masks every string value in a JSON value, recursively (keys are kept). */
export function maskJson<T>(value: T, custom: readonly CompiledMaskingRule[] = []): T {
  return maskJsonUntil(value, custom) as T;
}

/**
 * The time one event's masking may take: a floor plus a few milliseconds per KB of its text. Linear
 * engines make the real cost far lower (built-ins ~0.03 ms/KB, a custom rule up to ~0.3 ms/KB warm, see
 * docs/performance.md); the budget bounds what many custom rules over a large event can cost the
 * shared web server. The floor absorbs a cold start or a GC pause, which must not redact a small event.
 */
export const MASKING_BUDGET = { minMs: 50, msPerKb: 4 } as const;
/** What a field becomes when the budget ran out before it was masked: unmasked text is never stored. */
export const MASKING_BUDGET_MARKER = "[REDACTED: masking time budget exceeded]";
/** The metadata key that flags an event whose masking ran out of time. */
export const MASKING_BUDGET_FLAG = "loupe_masking";

function textLength(value: unknown, depth = 0): number {
  if (typeof value === "string") return value.length;
  if (typeof value !== "object" || value === null || depth > 1000) return 0;
  let sum = 0;
  for (const x of Array.isArray(value) ? value : Object.values(value)) sum += textLength(x, depth + 1);
  return sum;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The fields of an ingestion event's body that masking covers. */
export const MASKED_EVENT_FIELDS = ["input", "output", "metadata"] as const;

/** Masks an ingestion event's body (MASKED_EVENT_FIELDS): every ingestion edge masks through this. */
export function maskEventBody<B extends Record<string, unknown>>(
  body: B,
  custom: readonly CompiledMaskingRule[],
): { body: B; budgetExceeded: boolean } {
  return maskFields(body, MASKED_EVENT_FIELDS, custom);
}

/**
 * Masks `fields` of one event body within MASKING_BUDGET. Past the budget, the field being masked and
 * every later one become MASKING_BUDGET_MARKER and `metadata[MASKING_BUDGET_FLAG]` says so (metadata
 * that was not masked in time keeps only the flag). `now` is injectable for tests.
 */
export function maskFields<B extends Record<string, unknown>>(
  body: B,
  fields: readonly string[],
  custom: readonly CompiledMaskingRule[],
  now: () => number = () => performance.now(),
): { body: B; budgetExceeded: boolean } {
  const present = fields.filter((f) => body[f] !== undefined);
  const kb = present.reduce((sum, f) => sum + textLength(body[f]), 0) / 1024;
  const deadline = { at: now() + MASKING_BUDGET.minMs + MASKING_BUDGET.msPerKb * kb, now };
  const out: Record<string, unknown> = { ...body };
  for (const [index, field] of present.entries()) {
    try {
      out[field] = maskJsonUntil(body[field], custom, deadline);
    } catch (error) {
      if (!(error instanceof MaskingBudgetExceeded)) throw error;
      for (const late of present.slice(index)) out[late] = late === "metadata" ? {} : MASKING_BUDGET_MARKER;
      const metadata = out.metadata;
      out.metadata = {
        ...(isRecord(metadata) ? metadata : metadata === undefined ? {} : { value: metadata }),
        [MASKING_BUDGET_FLAG]: "budget_exceeded",
      };
      return { body: out as B, budgetExceeded: true };
    }
  }
  return { body: out as B, budgetExceeded: false };
}

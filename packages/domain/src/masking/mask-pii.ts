/**
 * PII masking applied at ingestion, before anything is stored. Built-in detectors replace emails,
 * phone numbers, payment cards (Luhn-checked), API keys / bearer tokens / JWTs, IBANs (mod-97
 * checked) and US social security numbers with placeholders; projects can add their own regex rules.
 * Detectors are written so ISO dates, UUIDs, version numbers and plain numbers are left alone.
 */

export type CustomMaskingRule = { name: string; pattern: string; replacement: string };

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
  // JWTs: three base64url segments, the first a JSON header ("eyJ").
  { label: "[TOKEN]", pattern: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g },
  // "Bearer <token>" in headers or logs.
  { label: "Bearer [TOKEN]", pattern: /\bBearer\s+[A-Za-z0-9._~+/=-]{16,}/g },
  // Well-known API key shapes: OpenAI/Anthropic (sk-…), Langfuse (sk-lf-/pk-lf-), GitHub, AWS, Slack, Google.
  {
    label: "[TOKEN]",
    pattern:
      /\b(?:sk|pk|rk)-(?:[A-Za-z0-9]+-)*[A-Za-z0-9_-]{16,}|\bgh[pousr]_[A-Za-z0-9]{30,}|\bAKIA[0-9A-Z]{16}\b|\bxox[abposr]-[A-Za-z0-9-]{10,}|\bAIza[0-9A-Za-z_-]{35}\b/g,
  },
  { label: "[EMAIL]", pattern: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g },
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

/** Compiles custom rules once; an invalid pattern is reported when the rule is saved, and skipped here. */
export function compileMaskingRules(rules: CustomMaskingRule[]): { pattern: RegExp; replacement: string }[] {
  const out: { pattern: RegExp; replacement: string }[] = [];
  for (const rule of rules) {
    try {
      out.push({ pattern: new RegExp(rule.pattern, "g"), replacement: rule.replacement });
    } catch {
      // skipped: validated on save
    }
  }
  return out;
}

export function maskString(text: string, custom: { pattern: RegExp; replacement: string }[] = []): string {
  let out = text;
  for (const d of DETECTORS) {
    out = out.replace(d.pattern, (m) => (d.accept && !d.accept(m) ? m : d.label));
  }
  for (const rule of custom) out = out.replace(rule.pattern, rule.replacement);
  return out;
}

/** Masks every string value in a JSON value, recursively (keys are kept). */
export function maskJson<T>(value: T, custom: { pattern: RegExp; replacement: string }[] = []): T {
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") return maskString(v, custom);
    if (typeof v !== "object" || v === null || depth > 1000) return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, depth + 1)]));
  };
  return walk(value, 0) as T;
}

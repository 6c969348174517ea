import type { TChatItem, TPromptContent } from "@loupe/contracts";

// `{{variable}}` is Mustache syntax, which both SDKs' compile() fill in. Whitespace inside the braces
// is allowed, as Mustache allows it; names are identifiers (dots would be Mustache paths).
const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The distinct variable names of one or more texts, in order of first appearance. */
export function extractVariables(text: string | readonly string[]): string[] {
  const texts = typeof text === "string" ? [text] : text;
  return [...new Set(texts.flatMap((t) => [...t.matchAll(VARIABLE)].map((m) => m[1] as string)))];
}

// Like the SDKs' Mustache compile with escaping off: a known variable is replaced by its value (as is:
// a replacer function, so `$&` in a value is not a pattern), a missing one is left in place (the SDKs
// render it empty; keeping it shows what is unfilled). Plain replacement, no template language, so
// tenant text never runs anything.
/** Fills each `{{name}}` that has a value; the prompt pages, compile and the playground all fill through this. */
export function fillVariables(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(VARIABLE, (whole, name: string) => (Object.hasOwn(values, name) ? (values[name] as string) : whole));
}

/** A text split into literal and variable parts, for highlighting; joining every `text` gives the input back. */
export function splitVariables(text: string): { text: string; variable?: string }[] {
  const parts: { text: string; variable?: string }[] = [];
  let last = 0;
  for (const m of text.matchAll(VARIABLE)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ text: m[0], variable: m[1] as string });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

export const isPlaceholder = (item: TChatItem): item is Extract<TChatItem, { type: "placeholder" }> => item.type === "placeholder";

/** Variables of a text prompt or of every chat message's content. */
export function promptVariables(content: TPromptContent): string[] {
  if (typeof content === "string") return extractVariables(content);
  return [...new Set(content.flatMap((item) => (isPlaceholder(item) ? [] : extractVariables(item.content))))];
}

export function promptPlaceholders(content: TPromptContent): string[] {
  if (typeof content === "string") return [];
  return [...new Set(content.flatMap((item) => (isPlaceholder(item) ? [item.name] : [])))];
}

/** Problems the schema cannot see: a chat variable named like a placeholder would make compile() ambiguous. */
export function contentProblems(content: TPromptContent): string[] {
  const placeholders = new Set(promptPlaceholders(content));
  return promptVariables(content)
    .filter((v) => placeholders.has(v))
    .map((v) => `'${v}' is both a variable and a placeholder name; rename one of them`);
}

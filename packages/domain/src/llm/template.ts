// `{{variable}}` in message text, as Langfuse prompts write them. Filling is plain string replacement
// (no template language), so tenant text can never run anything.

const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The variable names used in these texts, each once, in order of first use. */
export function templateVariables(texts: readonly string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(VARIABLE)) names.add(m[1] as string);
  return [...names];
}

/** Replaces each `{{name}}` that has a value; variables without one stay as written. */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(VARIABLE, (whole, name: string) => (Object.hasOwn(values, name) ? (values[name] as string) : whole));
}

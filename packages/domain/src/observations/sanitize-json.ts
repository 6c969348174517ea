/**
 * Makes client JSON storable in Postgres text and jsonb, which reject NUL characters and lone UTF-16
 * surrogates: both become U+FFFD (the replacement character), in keys and values alike. Replacing
 * rather than dropping keeps the change visible and never joins two words ("ad\u0000min" is not
 * "admin"). Applied to every ingested event before its durable insert (storeAndEnqueue).
 */
export function sanitizeJson<T>(value: T): T {
  return walk(value, 0) as T;
}

const fix = (s: string) => (s.includes("\u0000") ? s.replaceAll("\u0000", "\ufffd") : s).toWellFormed();

function walk(value: unknown, depth: number): unknown {
  if (typeof value === "string") return fix(value);
  if (typeof value !== "object" || value === null) return value;
  if (depth > 1000) return null;
  if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[fix(k)] = walk(v, depth + 1);
  return out;
}

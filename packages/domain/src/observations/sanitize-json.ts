/**
 * Makes client JSON storable in Postgres text and jsonb, which reject NUL characters and lone UTF-16
 * surrogates: both become U+FFFD (the replacement character), in keys and values alike. Replacing
 * rather than dropping keeps the change visible and never joins two words ("ad\u0000min" is not
 * "admin"). Applied to every ingested event before its durable insert (storeAndEnqueue).
 */
export function sanitizeJson<T>(value: T): T {
  // Almost no client JSON needs fixing: a check that allocates nothing first, and a copy only when
  // something must change (copying every event was ~3 ms per 100-event request, docs/performance.md).
  return needsFixing(value, 0) ? (walk(value, 0) as T) : value;
}

const storable = (s: string) => !s.includes("\u0000") && s.isWellFormed();

function needsFixing(value: unknown, depth: number): boolean {
  if (typeof value === "string") return !storable(value);
  if (typeof value !== "object" || value === null) return false;
  if (depth > 1000) return true;
  if (Array.isArray(value)) return value.some((v) => needsFixing(v, depth + 1));
  for (const key of Object.keys(value)) if (!storable(key) || needsFixing((value as Record<string, unknown>)[key], depth + 1)) return true;
  return false;
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

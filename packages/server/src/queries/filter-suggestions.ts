import { SUGGESTION_LIMIT, type SuggestionField, type TFilterSuggestionsQuery, type TFilterSuggestionsResponse } from "@loupe/contracts";
import { suggestFilterValues } from "@loupe/db";

// Filter suggestions, cached per web process. A person typing sends a request per pause; most fields
// have a few dozen values (names, environments, models, releases), so one query per project and field
// loads them all (up to FULL_LIST) and every prefix after that is answered from memory. A field with
// more values than that (user and session ids) is queried per prefix, and those answers are cached
// too. Entries live TTL_MS: a value that appeared a moment ago may be missing for that long, which a
// suggestion can afford; in-process rather than Redis because a stale or cold entry costs one bounded
// query (SUGGESTION_WINDOW rows), not a scan.

const TTL_MS = 60_000;
/** Values loaded per project and field; a field with more is answered per prefix. */
const FULL_LIST = 500;
/** Entries kept per process (oldest use evicted first); each holds at most FULL_LIST short strings. */
const MAX_ENTRIES = 2_000;

type Entry = { expires: number; values: Promise<string[]> };
const cache = new Map<string, Entry>();

function cached(key: string, load: () => Promise<string[]>): Promise<string[]> {
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expires > now) {
    // Re-inserted so the Map's order is the order of last use.
    cache.delete(key);
    cache.set(key, hit);
    return hit.values;
  }
  const values = load();
  cache.set(key, { expires: now + TTL_MS, values });
  // A failed query is not remembered: the next keystroke tries again.
  values.catch(() => cache.get(key)?.values === values && cache.delete(key));
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return values;
}

const keyOf = (projectId: string, field: SuggestionField, prefix: string | null) => JSON.stringify([projectId, field, prefix]);

/** Values of the project's recent rows for a filter field, starting with what was typed. */
export async function suggestProjectFilterValues(projectId: string, query: TFilterSuggestionsQuery): Promise<TFilterSuggestionsResponse> {
  const { field } = query;
  const prefix = query.prefix.trim().toLowerCase();
  const all = await cached(keyOf(projectId, field, null), () => suggestFilterValues(projectId, field, "", FULL_LIST + 1));
  const values =
    all.length <= FULL_LIST
      ? all.filter((v) => v.toLowerCase().startsWith(prefix)).slice(0, SUGGESTION_LIMIT)
      : await cached(keyOf(projectId, field, prefix), () => suggestFilterValues(projectId, field, prefix, SUGGESTION_LIMIT));
  return { field, values };
}

/** Forgets every cached suggestion (tests that write rows and expect to see them at once). */
export function clearFilterSuggestionCache(): void {
  cache.clear();
}

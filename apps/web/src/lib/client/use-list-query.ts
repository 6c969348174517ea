"use client";

import { parseAsString, useQueryStates } from "nuqs";
import { useMemo } from "react";
import type { z } from "zod";

/** A list contract from @loupe/contracts: an object schema over string-valued query parameters. */
type ListSchema = z.ZodType & { shape: Record<string, z.ZodType> };

/**
 * A table's whole view (filters, search, sort, page) in the URL, typed by the same zod schema the
 * route handler parses: nuqs keeps the raw strings in the query string (shareable, restored on reload),
 * the schema turns them into the typed query, or into issues when a hand-edited URL is invalid.
 */
export function useListQuery<S extends ListSchema>(schema: S) {
  const parsers = useMemo(() => Object.fromEntries(Object.keys(schema.shape).map((key) => [key, parseAsString])), [schema]);
  const [raw, setRaw] = useQueryStates(parsers, { history: "replace" });
  const present = useMemo(
    () => Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== "")),
    [raw],
  );
  const parsed = useMemo(() => schema.safeParse(present), [schema, present]);
  const key = (k: keyof z.output<S> & string) => k;
  return {
    /** The raw URL values that are set (the API gets exactly these). */
    raw: present,
    /** The typed view, or null with `issues` when the URL does not parse. */
    query: parsed.success ? (parsed.data as z.output<S>) : null,
    issues: parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`),
    /** The API query string of the current view. */
    search: new URLSearchParams(present).toString(),
    /** Changes some keys (null clears one); any change other than the page goes back to page 1. */
    set: (patch: Partial<Record<keyof z.output<S> & string, string | number | null>>) => {
      const next: Record<string, string | null> = {};
      for (const [k, v] of Object.entries(patch))
        next[key(k as keyof z.output<S> & string)] = v === null || v === undefined || v === "" ? null : String(v);
      if (!("page" in patch)) next.page = null;
      return setRaw(next);
    },
    /** Clears every key. */
    reset: () => setRaw(Object.fromEntries(Object.keys(schema.shape).map((k) => [k, null]))),
  };
}

export type ListQueryState = ReturnType<typeof useListQuery>;

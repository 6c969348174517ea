"use client";

import { Search } from "lucide-react";
import { useMemo, useState } from "react";
import { JsonView } from "react-json-view-lite";

/** Nodes with more children than this start collapsed and render nothing until opened. */
const BIG_NODE = 50;

const childCount = (v: unknown) => (Array.isArray(v) ? v.length : v && typeof v === "object" ? Object.keys(v).length : 0);

/** Keeps only the branches whose key or value contains the query. */
function filterJson(value: unknown, q: string): unknown {
  if (value === null || typeof value !== "object") return String(value).toLowerCase().includes(q) ? value : undefined;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const kept: [string, unknown][] = [];
  for (const [k, v] of entries) {
    if (k.toLowerCase().includes(q)) kept.push([k, v]);
    else {
      const sub = filterJson(v, q);
      if (sub !== undefined) kept.push([k, sub]);
    }
  }
  if (kept.length === 0) return undefined;
  return Array.isArray(value) ? kept.map(([, v]) => v) : Object.fromEntries(kept);
}

const styles = {
  container: "font-mono text-xs leading-5",
  basicChildStyle: "pl-4",
  label: "mr-1 text-foreground",
  clickableLabel: "mr-1 cursor-pointer text-foreground",
  nullValue: "text-muted-foreground",
  undefinedValue: "text-muted-foreground",
  numberValue: "text-sky-700 dark:text-sky-300",
  stringValue: "whitespace-pre-wrap break-words text-emerald-700 dark:text-emerald-300",
  booleanValue: "text-violet-700 dark:text-violet-300",
  otherValue: "text-muted-foreground",
  punctuation: "text-muted-foreground",
  expandIcon: "json-expand inline-block w-3 cursor-pointer select-none text-muted-foreground -ml-3.5 mr-0.5",
  collapseIcon: "json-collapse inline-block w-3 cursor-pointer select-none text-muted-foreground -ml-3.5 mr-0.5",
  collapsedContent: "json-collapsed cursor-pointer px-1 text-muted-foreground",
  childFieldsContainer: "m-0 list-none p-0",
  stringifyStringValues: true,
  quotesForFieldNames: false,
  ariaLables: { collapseJson: "Collapse", expandJson: "Expand" },
};

/** A collapsible JSON tree with search; big nodes expand only on demand. */
export function JsonTree({ value }: { value: object }) {
  const [query, setQuery] = useState("");
  // Search earns its place on values with more than a handful of fields.
  const searchable = useMemo(() => JSON.stringify(value).length > 300, [value]);
  const q = query.trim().toLowerCase();
  const shown = useMemo(() => (q ? filterJson(value, q) : value), [value, q]);
  return (
    <div data-testid="json-tree">
      {searchable ? (
        <label className="flex items-center gap-1.5 border-b px-3 py-1 text-xs text-muted-foreground">
          <Search className="h-3.5 w-3.5" aria-hidden />
          <input
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Search keys and values"
            aria-label="Search JSON"
            className="h-6 w-full bg-transparent outline-none placeholder:text-muted-foreground"
          />
        </label>
      ) : null}
      <div className="max-h-[480px] overflow-auto px-3 py-2">
        {shown === undefined || shown === null || typeof shown !== "object" ? (
          <p className="text-xs text-muted-foreground italic">No match for “{query}”</p>
        ) : (
          <JsonView
            key={q}
            data={shown}
            style={styles}
            shouldExpandNode={(level, v) => (q ? true : level < 3 && childCount(v) <= BIG_NODE)}
          />
        )}
      </div>
    </div>
  );
}

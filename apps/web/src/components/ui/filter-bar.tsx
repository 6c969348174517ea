"use client";

import { TIME_RANGES } from "@loupe/contracts";
import { Search, SlidersHorizontal, X } from "lucide-react";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useShortcuts } from "@/components/keyboard/shortcuts";
import { cn } from "@/lib/shared/cn";
import type { ListQueryState } from "@/lib/client/use-list-query";
import { CommitInput } from "./commit-input";
import { type FieldSuggest, SuggestingInput } from "./suggesting-input";

type Option = { value: string; label: string };

/**
 * One filter of the bar; `key` is its URL key. Free text (default), a number (ranges), one of a few
 * values, or a comparison (`name op value`, e.g. a score ≥ 0.8) kept in three URL keys.
 */
export type FilterField = { key: string; label: string; placeholder?: string } & (
  | { kind?: "text" | "number"; suggest?: FieldSuggest }
  | {
      kind: "select";
      options: readonly Option[];
      /**
       * What the list shows while the key is unset (the contract's default): "Any" unless the default
       * narrows the list, as the observations table's type does (generations), so "Any" never lies.
       */
      unsetLabel?: string;
    }
  | {
      kind: "comparison";
      /** The operators, labelled by symbol ("≥"); the field's `key` holds the name. */
      operators: readonly Option[];
      operatorKey: string;
      valueKey: string;
      valuePlaceholder?: string;
      /** Names to suggest while typing. */
      suggestions?: readonly string[];
    }
);

/** Every URL key a field sets (a comparison has three). */
const keysOf = (f: FilterField) => (f.kind === "comparison" ? [f.key, f.operatorKey, f.valueKey] : [f.key]);

/** How an active filter reads on its chip. */
function chipText(f: FilterField, raw: Record<string, string>): string {
  const value = raw[f.key] as string;
  if (f.kind === "select") return f.options.find((o) => o.value === value)?.label ?? value;
  if (f.kind === "comparison") {
    const operator = raw[f.operatorKey] ?? "";
    return `${value} ${f.operators.find((o) => o.value === operator)?.label ?? operator} ${raw[f.valueKey] ?? ""}`;
  }
  return value;
}

const RANGE_LABELS: Record<(typeof TIME_RANGES)[number], string> = {
  "30m": "30m",
  "1h": "1h",
  "24h": "24h",
  "7d": "7d",
  "30d": "30d",
  all: "All",
};
const controlClass = "h-7 rounded-md border bg-background px-2 text-xs placeholder:text-muted-foreground focus-visible:outline-2";

/** `datetime-local` wants local wall-clock time without zone; the URL keeps ISO instants. */
const toLocalInput = (iso: string | undefined) => {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (v: string) => (v ? new Date(v).toISOString() : null);

/**
 * The filter bar of every list table (ui.md): search (`/` focuses it), time range presets with a
 * custom window, a panel of field filters, chips of the active ones, and the table's own controls.
 * All state lives in the URL through useListQuery.
 */
export function FilterBar({
  state,
  fields,
  searchPlaceholder,
  controls,
  timeRange = true,
  ranges = TIME_RANGES,
  defaultRange = "all",
  projectId,
}: {
  state: Pick<ListQueryState, "raw" | "set" | "reset" | "issues">;
  fields: FilterField[];
  /** Without it the bar has no search box (dashboards). */
  searchPlaceholder?: string;
  controls?: ReactNode;
  /** Off where a time window means nothing (an evaluation rule's filter matches data as it arrives). */
  timeRange?: boolean;
  /** The presets offered (dashboards leave out "all"), and the one an empty URL means. */
  ranges?: readonly (typeof TIME_RANGES)[number][];
  defaultRange?: (typeof TIME_RANGES)[number];
  /** Text fields with `suggest` offer the project's existing values (filter-suggestions route). */
  projectId?: string;
}) {
  const { raw, set } = state;
  const search = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const custom = raw.from !== undefined || raw.to !== undefined;
  const [showCustom, setShowCustom] = useState(custom);
  const range = custom || showCustom ? "custom" : (raw.range ?? defaultRange);
  const active = fields.filter((f) => raw[f.key] !== undefined);

  useShortcuts(
    "Lists",
    searchPlaceholder !== undefined ? [{ keys: ["/"], description: "Focus the search", run: () => search.current?.focus() }] : [],
  );

  return (
    <div className="mb-3 space-y-2" data-testid="filter-bar">
      <div className="flex flex-wrap items-center gap-2">
        {searchPlaceholder !== undefined ? (
          <div className="relative min-w-48 flex-1 basis-64">
            <Search className="pointer-events-none absolute top-1/2 left-2 h-3.5 w-3.5 -translate-y-1/2 text-muted-foreground" />
            <CommitInput
              inputRef={search}
              type="search"
              aria-label="Search"
              placeholder={searchPlaceholder}
              value={raw.search ?? ""}
              onCommit={(v) => set({ search: v.trim() || null })}
              debounceMs={350}
              className={cn(controlClass, "w-full pr-7 pl-7")}
            />
            <kbd className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded border px-1 font-mono text-[10px] text-muted-foreground">
              /
            </kbd>
          </div>
        ) : null}
        {timeRange ? (
          <fieldset className="flex items-center rounded-md border p-0.5" aria-label="Time range">
            {[...ranges, "custom" as const].map((r) => (
              <button
                key={r}
                type="button"
                aria-pressed={range === r}
                onClick={() => {
                  if (r === "custom") return setShowCustom(true);
                  setShowCustom(false);
                  set({ range: r === defaultRange ? null : r, from: null, to: null });
                }}
                className="h-6 rounded px-2 text-xs text-muted-foreground hover:text-foreground aria-pressed:bg-muted aria-pressed:font-medium aria-pressed:text-foreground"
              >
                {r === "custom" ? "Custom" : RANGE_LABELS[r]}
              </button>
            ))}
          </fieldset>
        ) : null}
        {timeRange && range === "custom" ? (
          <div className="flex items-center gap-1 text-xs text-muted-foreground">
            <input
              type="datetime-local"
              aria-label="From"
              className={controlClass}
              value={toLocalInput(raw.from)}
              onChange={(e) => set({ from: fromLocalInput(e.target.value), range: null })}
            />
            –
            <input
              type="datetime-local"
              aria-label="To"
              className={controlClass}
              value={toLocalInput(raw.to)}
              onChange={(e) => set({ to: fromLocalInput(e.target.value), range: null })}
            />
          </div>
        ) : null}
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          className="inline-flex h-7 items-center gap-1.5 rounded-md border bg-background px-2.5 text-xs font-medium hover:bg-muted aria-expanded:bg-muted"
        >
          <SlidersHorizontal className="h-3.5 w-3.5" />
          Filters
          {active.length > 0 ? (
            <span className="rounded bg-accent px-1 text-[10px] text-accent-foreground tabular">{active.length}</span>
          ) : null}
        </button>
        <div className="ml-auto flex items-center gap-2">{controls}</div>
      </div>

      {open ? (
        <div
          className="grid grid-cols-[repeat(auto-fill,minmax(180px,1fr))] gap-x-3 gap-y-2 rounded-lg border bg-panel p-3"
          data-testid="filter-panel"
        >
          {fields.map((f) =>
            f.kind === "comparison" ? (
              <ComparisonFilter key={f.key} field={f} raw={raw} set={set} />
            ) : (
              <label key={f.key} className="flex flex-col gap-1 text-xs text-muted-foreground">
                {f.label}
                {f.kind === "select" ? (
                  <select
                    className={cn(controlClass, "text-foreground")}
                    value={raw[f.key] ?? ""}
                    onChange={(e) => set({ [f.key]: e.target.value || null })}
                  >
                    <option value="">{f.unsetLabel ?? "Any"}</option>
                    {f.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : f.kind !== "number" && f.suggest && projectId ? (
                  <SuggestingInput
                    projectId={projectId}
                    source={f.suggest}
                    aria-label={f.label}
                    placeholder={f.placeholder}
                    value={raw[f.key] ?? ""}
                    onCommit={(v) => set({ [f.key]: v.trim() || null })}
                    className={cn(controlClass, "text-foreground")}
                  />
                ) : (
                  <CommitInput
                    type={f.kind === "number" ? "number" : "text"}
                    min={f.kind === "number" ? 0 : undefined}
                    step="any"
                    placeholder={f.placeholder}
                    value={raw[f.key] ?? ""}
                    onCommit={(v) => set({ [f.key]: v.trim() || null })}
                    className={cn(controlClass, "text-foreground")}
                  />
                )}
              </label>
            ),
          )}
        </div>
      ) : null}

      {active.length > 0 || state.issues.length > 0 ? (
        <div className="flex flex-wrap items-center gap-1.5 text-xs">
          {active.map((f) => {
            const shown = chipText(f, raw);
            return (
              <span
                key={f.key}
                className="inline-flex max-w-72 items-center gap-1 rounded-md border bg-panel py-0.5 pr-0.5 pl-2"
                data-testid="filter-chip"
              >
                <span className="shrink-0 whitespace-nowrap text-muted-foreground">{f.label}:</span>
                <span className="truncate font-medium" title={shown}>
                  {shown}
                </span>
                <button
                  type="button"
                  aria-label={`Remove filter ${f.label}`}
                  onClick={() => set(Object.fromEntries(keysOf(f).map((k) => [k, null])))}
                  className="rounded p-0.5 text-muted-foreground hover:bg-muted hover:text-foreground"
                >
                  <X className="h-3 w-3" />
                </button>
              </span>
            );
          })}
          {state.issues.map((issue) => (
            <span key={issue} role="alert" className="rounded-md bg-danger-soft px-2 py-0.5 text-danger">
              {issue}
            </span>
          ))}
          <button
            type="button"
            onClick={state.reset}
            className="rounded px-1.5 py-0.5 text-muted-foreground hover:bg-muted hover:text-foreground"
          >
            Clear all
          </button>
        </div>
      ) : null}
    </div>
  );
}

type ComparisonField = Extract<FilterField, { kind: "comparison" }>;

/**
 * `name op value` in one cell. The three URL keys only mean something together, so the filter is
 * set once name and value are both given, and cleared when either is emptied.
 */
function ComparisonFilter({ field, raw, set }: { field: ComparisonField; raw: Record<string, string>; set: ListQueryState["set"] }) {
  const name = raw[field.key] ?? "";
  const operator = raw[field.operatorKey] ?? field.operators[0]?.value ?? "";
  const value = raw[field.valueKey] ?? "";
  const [draft, setDraft] = useState({ name, operator, value });
  useEffect(() => setDraft({ name, operator, value }), [name, operator, value]);
  const listId = `${field.key}-suggestions`;
  const commit = (next: typeof draft) => {
    setDraft(next);
    const [nextName, nextValue] = [next.name.trim(), next.value.trim()];
    if (nextName && nextValue) set({ [field.key]: nextName, [field.operatorKey]: next.operator, [field.valueKey]: nextValue });
    else if (name) set({ [field.key]: null, [field.operatorKey]: null, [field.valueKey]: null });
  };
  return (
    <fieldset className="col-span-2 flex min-w-0 flex-col gap-1 text-xs text-muted-foreground">
      <legend className="mb-1">{field.label}</legend>
      <div className="flex gap-1">
        <CommitInput
          aria-label={`${field.label} name`}
          placeholder={field.placeholder}
          list={field.suggestions?.length ? listId : undefined}
          value={draft.name}
          onCommit={(v) => commit({ ...draft, name: v })}
          className={cn(controlClass, "min-w-0 flex-1 text-foreground")}
        />
        <select
          aria-label={`${field.label} comparison`}
          className={cn(controlClass, "text-foreground")}
          value={draft.operator}
          onChange={(e) => commit({ ...draft, operator: e.target.value })}
        >
          {field.operators.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <CommitInput
          aria-label={`${field.label} value`}
          placeholder={field.valuePlaceholder}
          value={draft.value}
          onCommit={(v) => commit({ ...draft, value: v })}
          className={cn(controlClass, "w-20 text-foreground")}
        />
      </div>
      {field.suggestions?.length ? (
        <datalist id={listId}>
          {field.suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      ) : null}
    </fieldset>
  );
}

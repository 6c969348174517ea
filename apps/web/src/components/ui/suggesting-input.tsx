"use client";

import type { SuggestionField } from "@loupe/contracts";
import { type ComponentProps, useState } from "react";
import { useFilterSuggestions } from "@/lib/client/use-filter-suggestions";
import { CommitInput } from "./commit-input";

/** Where a filter's suggestions come from; `list`: the box holds a comma list (tags), each item suggested. */
export type FieldSuggest = { field: SuggestionField; list?: true };

const items = (text: string) => text.split(",").map((s) => s.trim());

/** A filter box that suggests the project's existing values of its field as the person types. */
export function SuggestingInput({
  projectId,
  source,
  ...props
}: { projectId: string; source: FieldSuggest } & Omit<ComponentProps<typeof CommitInput>, "suggest">) {
  const [typed, setTyped] = useState<string | null>(null);
  const term = typed === null ? null : source.list ? (items(typed).at(-1) ?? "") : typed.trim();
  const suggestions = useFilterSuggestions(projectId, source.field, term);
  const chosen = source.list && typed !== null ? items(typed).slice(0, -1) : [];
  // The answer may be the previous prefix's (kept while the next loads): show only what still matches.
  const options =
    term === null
      ? []
      : (suggestions.data?.values ?? []).filter((v) => v.toLowerCase().startsWith(term.toLowerCase()) && !chosen.includes(v));
  return (
    <CommitInput
      {...props}
      suggest={{
        options,
        onQuery: setTyped,
        pick: source.list ? (option, draft) => [...items(draft).slice(0, -1).filter(Boolean), option].join(", ") : undefined,
      }}
    />
  );
}

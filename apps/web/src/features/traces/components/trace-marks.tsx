"use client";

import { type TTraceMarksBody, ZTraceMarksResponse } from "@loupe/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus, Star, X } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";
import { cn } from "@/lib/shared/cn";

// The trace header's bookmark and tag editor: a component of its own, so other features that add
// to the trace view's header do not meet it in one file.

function useSetTraceMarks(projectId: string, traceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TTraceMarksBody) =>
      apiFetch(ZTraceMarksResponse, `${projectApi(projectId)}/traces/${encodeURIComponent(traceId)}/marks`, { method: "PATCH", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.trace(projectId, traceId) }),
  });
}

/** A star that bookmarks the trace (the traces table and the API filter on `bookmarked`). */
export function BookmarkToggle({ projectId, traceId, bookmarked }: { projectId: string; traceId: string; bookmarked: boolean }) {
  const mark = useSetTraceMarks(projectId, traceId);
  const on = mark.isPending ? mark.variables?.bookmarked === true : bookmarked;
  return (
    <button
      type="button"
      aria-pressed={on}
      aria-label={on ? "Remove bookmark" : "Bookmark trace"}
      title={mark.isError ? mark.error.message : on ? "Bookmarked" : "Bookmark"}
      disabled={mark.isPending}
      onClick={() => mark.mutate({ bookmarked: !on })}
      className="inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground"
    >
      <Star className={cn("h-4 w-4", on && "fill-warning text-warning")} aria-hidden />
    </button>
  );
}

/** The trace's tags, each removable, and a box to add one (Enter adds, Escape cancels). */
export function TagEditor({ projectId, traceId, tags }: { projectId: string; traceId: string; tags: string[] }) {
  const mark = useSetTraceMarks(projectId, traceId);
  const [draft, setDraft] = useState<string | null>(null);
  const shown = mark.isPending && mark.variables?.tags ? mark.variables.tags : tags;
  const save = (next: string[]) => mark.mutate({ tags: next });
  const add = () => {
    const tag = draft?.trim();
    setDraft(null);
    if (tag && !shown.includes(tag)) save([...shown, tag]);
  };
  return (
    <span className="flex flex-wrap items-center gap-1" data-testid="trace-tags">
      {shown.map((tag) => (
        <Badge key={tag} className="gap-0.5 pr-0.5">
          <span className="truncate">{tag}</span>
          <button
            type="button"
            aria-label={`Remove tag ${tag}`}
            onClick={() => save(shown.filter((t) => t !== tag))}
            className="rounded p-0.5 hover:bg-background hover:text-foreground"
          >
            <X className="h-3 w-3" aria-hidden />
          </button>
        </Badge>
      ))}
      {draft === null ? (
        <button
          type="button"
          onClick={() => setDraft("")}
          className="inline-flex h-5 items-center gap-0.5 rounded px-1 text-[11px] text-muted-foreground hover:bg-muted hover:text-foreground"
        >
          <Plus className="h-3 w-3" aria-hidden /> Tag
        </button>
      ) : (
        <input
          // biome-ignore lint/a11y/noAutofocus: the box appears because the person asked to type a tag
          autoFocus
          aria-label="New tag"
          value={draft}
          maxLength={200}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={add}
          onKeyDown={(e) => {
            if (e.key === "Enter") add();
            if (e.key === "Escape") setDraft(null);
          }}
          className="h-5 w-28 rounded border bg-background px-1 text-[11px]"
        />
      )}
      {mark.isError ? (
        <span role="alert" className="text-[11px] text-danger">
          {mark.error.message}
        </span>
      ) : null}
    </span>
  );
}

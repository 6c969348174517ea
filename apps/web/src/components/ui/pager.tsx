"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { useEffect, useState } from "react";
import { formatTokens } from "@/lib/shared/format";
import { Button } from "./button";

/** The page sizes a list offers; the API's limit is at most 100. */
export const PAGE_SIZES = [20, 50, 100] as const;

/**
 * The footer of a paged list: where you are, previous/next, "go to page" and (when the list lets the
 * person choose) the page size.
 */
export function Pager({
  page,
  totalPages,
  morePages = false,
  label,
  onPageChange,
  pageSize,
}: {
  page: number;
  totalPages: number;
  /** The count is a lower bound: pages exist past `totalPages`. */
  morePages?: boolean;
  label: string | null;
  onPageChange: (page: number) => void;
  pageSize?: { value: number; onChange: (limit: number) => void };
}) {
  const [draft, setDraft] = useState(String(page));
  useEffect(() => setDraft(String(page)), [page]);
  const lastPage = morePages ? Number.POSITIVE_INFINITY : totalPages;
  const go = () => {
    const target = Math.trunc(Number(draft));
    if (Number.isFinite(target) && target >= 1 && target <= lastPage && target !== page) onPageChange(target);
    else setDraft(String(page));
  };
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t bg-panel px-3 py-2 text-xs text-muted-foreground">
      <span className="tabular" data-testid="pager-label">
        {label === null ? "Loading…" : `Page ${page} of ${formatTokens(totalPages)}${morePages ? "+" : ""} · ${label}`}
      </span>
      <div className="flex items-center gap-2">
        {pageSize ? (
          <label className="flex items-center gap-1">
            Rows
            <select
              aria-label="Rows per page"
              className="h-7 rounded-md border bg-background px-1 text-foreground"
              value={pageSize.value}
              onChange={(e) => pageSize.onChange(Number(e.target.value))}
            >
              {[...new Set([...PAGE_SIZES, pageSize.value])]
                .sort((a, b) => a - b)
                .map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
            </select>
          </label>
        ) : null}
        {totalPages > 1 || morePages ? (
          <label className="flex items-center gap-1">
            Page
            <input
              aria-label="Go to page"
              inputMode="numeric"
              className="h-7 w-12 rounded-md border bg-background px-1.5 text-right text-foreground tabular"
              value={draft}
              onChange={(e) => setDraft(e.target.value.replace(/\D/g, ""))}
              onBlur={go}
              onKeyDown={(e) => {
                if (e.key === "Enter") go();
              }}
            />
          </label>
        ) : null}
        <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => onPageChange(page - 1)} aria-label="Previous page">
          <ChevronLeft className="h-3.5 w-3.5" />
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={page >= totalPages && !morePages}
          onClick={() => onPageChange(page + 1)}
          aria-label="Next page"
        >
          <ChevronRight className="h-3.5 w-3.5" />
        </Button>
      </div>
    </div>
  );
}

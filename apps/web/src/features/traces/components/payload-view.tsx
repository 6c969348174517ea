"use client";

import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";

const PREVIEW_CHARS = 50_000;

function toText(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

/** Renders user content as text, never as HTML; very large payloads show a preview first. */
export function PayloadView({ label, value }: { label: string; value: unknown }) {
  const [expanded, setExpanded] = useState(false);
  const empty = value === null || value === undefined || (typeof value === "object" && Object.keys(value as object).length === 0);
  const text = empty ? "" : toText(value);
  const truncated = !expanded && text.length > PREVIEW_CHARS;
  return (
    <section className="overflow-hidden rounded-lg border" aria-label={label}>
      <div className="flex h-8 items-center justify-between border-b bg-panel px-3">
        <h3 className="text-xs font-medium text-muted-foreground">{label}</h3>
        {!empty ? <CopyButton value={text} label={`Copy ${label.toLowerCase()}`} /> : null}
      </div>
      {empty ? (
        <p className="px-3 py-2.5 text-xs text-muted-foreground italic">No {label.toLowerCase()}</p>
      ) : (
        <>
          <pre
            data-testid={`payload-${label.toLowerCase()}`}
            className="max-h-[480px] overflow-auto whitespace-pre-wrap break-words px-3 py-2.5 font-mono text-xs leading-relaxed"
          >
            {truncated ? text.slice(0, PREVIEW_CHARS) : text}
          </pre>
          {truncated ? (
            <button
              type="button"
              onClick={() => setExpanded(true)}
              className="w-full border-t px-3 py-1.5 text-left text-xs text-accent hover:bg-muted"
            >
              Show all {Math.round(text.length / 1024)} KB
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

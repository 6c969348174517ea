"use client";

import { type ReactNode, useLayoutEffect, useMemo, useRef, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { cn } from "@/lib/shared/cn";
import { asChat } from "./payload/chat-shape";
import { ChatView } from "./payload/chat-view";
import { JsonTree } from "./payload/json-tree";
import { Markdown } from "./payload/markdown";

/** Payloads larger than this show a plain-text preview first; the formatted view renders on demand. */
const LARGE_CHARS = 100_000;
const PREVIEW_CHARS = 10_000;
/** Longer text is shown as plain text: parsing megabytes of markdown would block the page. */
const MARKDOWN_MAX_CHARS = 50_000;

function toText(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

/** Taller content is cut at this height with an "expand" button (the page scrolls, not the box). */
const COLLAPSED_PX = 480;

/** Long content collapsed to COLLAPSED_PX with a fade; "Expand" shows it at full height. */
function Collapsible({ children }: { children: ReactNode }) {
  const content = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  const [expanded, setExpanded] = useState(false);
  useLayoutEffect(() => {
    const el = content.current;
    if (!el) return;
    const check = () => setOverflows(el.offsetHeight > COLLAPSED_PX + 24);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const clipped = overflows && !expanded;
  return (
    <>
      <div className={cn("relative", clipped && "overflow-hidden")} style={clipped ? { maxHeight: COLLAPSED_PX } : undefined}>
        <div ref={content}>{children}</div>
        {clipped ? <div className="pointer-events-none absolute inset-x-0 bottom-0 h-14 bg-gradient-to-t from-background" /> : null}
      </div>
      {overflows ? (
        <button
          type="button"
          data-testid="payload-expand"
          aria-expanded={expanded}
          onClick={() => setExpanded((on) => !on)}
          className="w-full border-t px-3 py-1.5 text-left text-xs text-accent hover:bg-muted"
        >
          {expanded ? "Collapse" : "Expand to full height"}
        </button>
      ) : null}
    </>
  );
}

function Formatted({ value }: { value: unknown }) {
  const chat = useMemo(() => asChat(value), [value]);
  if (chat) return <ChatView messages={chat} />;
  if (typeof value === "string" && value.length > MARKDOWN_MAX_CHARS) {
    return <pre className="whitespace-pre-wrap break-words px-3 py-2.5 font-mono text-xs leading-relaxed">{value}</pre>;
  }
  if (typeof value === "string") {
    return (
      <div className="px-3 py-2.5">
        <Markdown text={value} />
      </div>
    );
  }
  if (value && typeof value === "object") return <JsonTree value={value} />;
  return <p className="px-3 py-2.5 font-mono text-xs">{String(value)}</p>;
}

/**
 * Input, output or metadata rendered by shape: chat transcripts as bubbles, JSON as a tree, text as
 * sanitised markdown, with a raw-JSON toggle. User content is never markup. Very large payloads
 * show a preview first so opening a node never freezes the page.
 */
export function PayloadView({ label, value }: { label: string; value: unknown }) {
  const [raw, setRaw] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const empty =
    value === null || value === undefined || value === "" || (typeof value === "object" && Object.keys(value as object).length === 0);
  const text = useMemo(() => (empty ? "" : toText(value)), [empty, value]);
  const large = text.length > LARGE_CHARS && !showAll;
  const testId = `payload-${label.toLowerCase().replace(/\s+/g, "-")}`;
  return (
    <section className="overflow-hidden rounded-lg border" aria-label={label}>
      <div className="flex h-8 items-center gap-2 border-b bg-panel px-3">
        <h3 className="text-xs font-medium text-muted-foreground">{label}</h3>
        {!empty ? (
          <div className="ml-auto flex items-center gap-1">
            {
              <div className="flex rounded border text-[11px]" role="group" aria-label={`${label} view`}>
                {(["Formatted", "JSON"] as const).map((mode) => (
                  <button
                    key={mode}
                    type="button"
                    aria-pressed={(mode === "JSON") === raw}
                    onClick={() => setRaw(mode === "JSON")}
                    className={cn(
                      "px-1.5 py-0.5",
                      (mode === "JSON") === raw ? "bg-muted font-medium" : "text-muted-foreground hover:bg-muted",
                    )}
                  >
                    {mode}
                  </button>
                ))}
              </div>
            }
            <CopyButton value={text} label={`Copy ${label.toLowerCase()}`} />
          </div>
        ) : null}
      </div>
      {empty ? (
        <p className="px-3 py-2.5 text-xs text-muted-foreground italic">No {label.toLowerCase()}</p>
      ) : large ? (
        <>
          <pre
            data-testid={testId}
            className="max-h-[320px] overflow-auto whitespace-pre-wrap break-words px-3 py-2.5 font-mono text-xs leading-relaxed"
          >
            {text.slice(0, PREVIEW_CHARS)}
          </pre>
          <button
            type="button"
            data-testid="payload-show-all"
            onClick={() => setShowAll(true)}
            className="w-full border-t px-3 py-1.5 text-left text-xs text-accent hover:bg-muted"
          >
            Showing {Math.round(PREVIEW_CHARS / 1024)} KB of {Math.round(text.length / 1024)} KB · Show all
          </button>
        </>
      ) : (
        <div data-testid={testId} data-view={raw ? "json" : "formatted"}>
          <Collapsible key={raw ? "json" : "formatted"}>
            {raw ? (
              <pre className="whitespace-pre-wrap break-words px-3 py-2.5 font-mono text-xs leading-relaxed">{text}</pre>
            ) : (
              <Formatted value={value} />
            )}
          </Collapsible>
        </div>
      )}
    </section>
  );
}

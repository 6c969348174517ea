"use client";

import { lazy, Suspense } from "react";
import { CopyButton } from "@/components/ui/copy-button";

// The highlighter (prism-react-renderer) is its own chunk, fetched with the first code block shown.
const HighlightedCode = lazy(() => import("./highlighted-code"));

/** Past this a block is shown plain: tokenising a huge blob would block the page. */
const HIGHLIGHT_MAX_CHARS = 20_000;

export function PlainCode({ code }: { code: string }) {
  return (
    <pre className="overflow-x-auto px-3 py-2 font-mono text-xs leading-relaxed">
      <code>{code}</code>
    </pre>
  );
}

/** A fenced code block of model output: highlighted by its language, with a copy button. */
export function CodeBlock({ code, language }: { code: string; language: string | undefined }) {
  return (
    <div className="my-2 overflow-hidden rounded-md border bg-panel" data-testid="code-block" data-language={language}>
      <div className="flex h-7 items-center border-b px-2 text-[11px] text-muted-foreground">
        <span className="font-mono">{language ?? "text"}</span>
        <CopyButton value={code} label="Copy code" className="ml-auto" />
      </div>
      {code.length > HIGHLIGHT_MAX_CHARS ? (
        <PlainCode code={code} />
      ) : (
        <Suspense fallback={<PlainCode code={code} />}>
          <HighlightedCode code={code} language={language} />
        </Suspense>
      )}
    </div>
  );
}

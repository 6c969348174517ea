"use client";

import { parseRetrievedDocuments, type RetrievedDocument } from "@loupe/domain";
import { ChevronDown, ChevronRight, FileText } from "lucide-react";
import { useMemo, useState } from "react";
import { cn } from "@/lib/shared/cn";
import { JsonTree } from "./json-tree";

const PREVIEW_CHARS = 280;

function DocumentRow({ doc, index }: { doc: RetrievedDocument; index: number }) {
  const [open, setOpen] = useState(false);
  const long = doc.content.length > PREVIEW_CHARS;
  return (
    <li className="px-3 py-2" data-testid="retrieved-document">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((on) => !on)}
        className="flex w-full min-w-0 items-center gap-1.5 text-left text-xs"
      >
        {open ? (
          <ChevronDown className="h-3.5 w-3.5 shrink-0" aria-hidden />
        ) : (
          <ChevronRight className="h-3.5 w-3.5 shrink-0" aria-hidden />
        )}
        <span className="shrink-0 font-mono text-[11px] text-muted-foreground tabular">{index + 1}.</span>
        <span className="min-w-0 truncate font-medium" title={doc.title}>
          {doc.title}
        </span>
        {doc.id && doc.id !== doc.title ? (
          <span className="hidden min-w-0 truncate font-mono text-[11px] text-muted-foreground @min-[480px]:inline" title={doc.id}>
            {doc.id}
          </span>
        ) : null}
        {doc.score !== null ? (
          <span
            className="ml-auto shrink-0 rounded bg-muted px-1.5 font-mono text-[11px] tabular"
            title="Score"
            data-testid="document-score"
          >
            {Number(doc.score.toFixed(4))}
          </span>
        ) : null}
      </button>
      <p
        className={cn("mt-1 pl-5 text-xs leading-relaxed whitespace-pre-wrap break-words text-muted-foreground", open && "text-foreground")}
      >
        {open || !long ? doc.content : `${doc.content.slice(0, PREVIEW_CHARS)}…`}
      </p>
      {open && doc.metadata ? (
        <div className="mt-1.5 ml-5 overflow-hidden rounded border">
          <JsonTree value={doc.metadata} />
        </div>
      ) : null}
    </li>
  );
}

/**
 * What a RETRIEVER observation returned, as a list of documents (title, score, content preview,
 * expandable) instead of raw JSON; the raw payload stays in Output below. Nothing when neither its
 * output nor its metadata holds a known document shape.
 */
export function RetrievedDocuments({ output, metadata }: { output: unknown; metadata: unknown }) {
  const docs = useMemo(() => parseRetrievedDocuments(output) ?? parseRetrievedDocuments(metadata), [output, metadata]);
  if (!docs) return null;
  return (
    <section className="@container overflow-hidden rounded-lg border" aria-label="Retrieved documents" data-testid="retrieved-documents">
      <div className="flex h-8 items-center gap-1.5 border-b bg-panel px-3 text-xs font-medium text-muted-foreground">
        <FileText className="h-3.5 w-3.5" aria-hidden /> Retrieved documents
        <span className="font-normal tabular">· {docs.length}</span>
      </div>
      <ol className="divide-y">
        {docs.map((doc, i) => (
          <DocumentRow key={i} doc={doc} index={i} />
        ))}
      </ol>
    </section>
  );
}

"use client";

import { CircleX, Image as ImageIcon, Wrench } from "lucide-react";
import { cn } from "@/lib/shared/cn";
import type { ChatMessage, ChatPart } from "./chat-shape";
import { JsonTree } from "./json-tree";
import { Markdown } from "./markdown";

const ROLE_STYLE: Record<string, string> = {
  system: "bg-muted/60",
  user: "bg-background",
  assistant: "bg-accent-soft/60",
  tool: "bg-muted/40",
};

function Value({ value }: { value: unknown }) {
  if (typeof value === "string") return <Markdown text={value} />;
  if (value && typeof value === "object") return <JsonTree value={value} />;
  return <span className="font-mono text-xs">{String(value)}</span>;
}

function Part({ part }: { part: ChatPart }) {
  switch (part.kind) {
    case "text":
      return <Markdown text={part.text} />;
    case "image":
      return (
        <p className="flex items-center gap-1.5 text-xs text-muted-foreground">
          <ImageIcon className="h-3.5 w-3.5 shrink-0" aria-hidden />
          <span className="truncate" title={part.url}>
            {part.url}
          </span>
        </p>
      );
    case "tool-call":
      return (
        // Neutral, not the amber/red of warnings and errors: a tool call is ordinary work.
        <div className="overflow-hidden rounded-md border" data-testid="chat-tool-call">
          <div className="flex items-center gap-1.5 border-b bg-muted/60 px-2 py-1 text-xs font-medium text-foreground">
            <Wrench className="h-3.5 w-3.5" aria-hidden /> Tool call · <span className="font-mono">{part.name}</span>
            {part.id ? <span className="ml-auto font-mono text-[11px] opacity-70">{part.id}</span> : null}
          </div>
          <div className="bg-background">
            <Value value={part.args ?? {}} />
          </div>
        </div>
      );
    case "tool-result":
      return (
        <div className="space-y-1" data-testid="chat-tool-result" data-error={part.isError ? "true" : undefined}>
          <div className={cn("flex items-center gap-1.5 text-[11px] font-medium", part.isError ? "text-danger" : "text-muted-foreground")}>
            {part.isError ? <CircleX className="h-3.5 w-3.5" aria-hidden /> : null}
            {part.isError ? "Tool error" : "Tool result"}
            {part.id ? <span className="font-mono opacity-70">· {part.id}</span> : null}
          </div>
          <Value value={part.content} />
        </div>
      );
    default:
      return <Value value={part.value} />;
  }
}

/** A chat transcript as role-tagged bubbles; tool calls and tool results stand out from prose. */
export function ChatView({ messages }: { messages: ChatMessage[] }) {
  return (
    <ol className="space-y-2 p-3" data-testid="chat-view">
      {messages.map((m, i) => (
        <li
          key={i}
          data-testid="chat-message"
          data-role={m.role}
          className={cn("space-y-1.5 rounded-lg border px-3 py-2", ROLE_STYLE[m.role] ?? "bg-background")}
        >
          <div className="text-[11px] font-semibold tracking-wide text-muted-foreground uppercase">
            {m.role}
            {m.name ? <span className="ml-1 font-mono normal-case">· {m.name}</span> : null}
          </div>
          {m.parts.length === 0 ? <p className="text-xs text-muted-foreground italic">(empty)</p> : null}
          {m.parts.map((p, j) => (
            <Part key={j} part={p} />
          ))}
        </li>
      ))}
    </ol>
  );
}

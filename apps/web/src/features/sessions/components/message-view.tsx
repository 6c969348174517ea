"use client";

import { useState } from "react";
import { cn } from "@/lib/shared/cn";

// Renders a trace's input or output for reading as a conversation. User content is always text: chat
// messages become role-tagged bubbles of their text parts, anything else is shown pretty-printed.

export type ChatMessage = { role: string; text: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const pretty = (v: unknown) => {
  try {
    return JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    return String(v);
  }
};

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (content === null || content === undefined) return "";
  if (Array.isArray(content)) {
    return content
      .map((part) => (typeof part === "string" ? part : isObject(part) && typeof part.text === "string" ? part.text : pretty(part)))
      .join("\n");
  }
  return pretty(content);
}

/** Chat messages in an OpenAI-style array, a `{ messages: [...] }` wrapper or one message; null for anything else. */
export function toChatMessages(value: unknown): ChatMessage[] | null {
  const list = Array.isArray(value)
    ? value
    : isObject(value) && Array.isArray(value.messages)
      ? value.messages
      : isObject(value)
        ? [value]
        : null;
  if (!list || list.length === 0) return null;
  const out: ChatMessage[] = [];
  for (const m of list) {
    if (!isObject(m) || typeof m.role !== "string" || !("content" in m || "tool_calls" in m)) return null;
    const text = contentText(m.content);
    out.push({ role: m.role, text: text === "" && m.tool_calls !== undefined ? pretty(m.tool_calls) : text });
  }
  return out;
}

const BUBBLE: Record<string, string> = {
  user: "ml-auto bg-accent-soft",
  assistant: "mr-auto border bg-panel",
};

function Bubble({ message }: { message: ChatMessage }) {
  return (
    <div
      data-testid="chat-bubble"
      data-role={message.role}
      className={cn("max-w-[85%] rounded-lg px-3 py-2", BUBBLE[message.role] ?? "mr-auto border border-dashed text-muted-foreground")}
    >
      <div className="mb-0.5 text-[11px] font-medium uppercase tracking-wide text-muted-foreground">{message.role}</div>
      <div className="max-h-[360px] overflow-auto whitespace-pre-wrap break-words text-[13px] leading-relaxed">
        {message.text || <span className="italic text-muted-foreground">empty</span>}
      </div>
    </div>
  );
}

/** One side of a turn. Chat histories show only their newest messages until expanded. */
export function MessageView({ value, fallbackRole }: { value: unknown; fallbackRole: "user" | "assistant" }) {
  const [expanded, setExpanded] = useState(false);
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return <Bubble message={{ role: fallbackRole, text: value }} />;
  const messages = toChatMessages(value);
  if (!messages) {
    return (
      <pre
        data-testid="payload-json"
        className={cn(
          "max-h-[360px] max-w-[85%] overflow-auto whitespace-pre-wrap break-words rounded-lg border bg-panel px-3 py-2 font-mono text-xs leading-relaxed",
          fallbackRole === "user" ? "ml-auto" : "mr-auto",
        )}
      >
        {pretty(value)}
      </pre>
    );
  }
  // The input of a chat turn usually repeats the whole history: show what is new since the last answer.
  const lastAnswer = messages.map((m) => m.role).lastIndexOf("assistant");
  const hidden = expanded || lastAnswer < 0 || lastAnswer === messages.length - 1 ? 0 : lastAnswer + 1;
  return (
    <div className="flex flex-col gap-2">
      {hidden > 0 ? (
        <button type="button" onClick={() => setExpanded(true)} className="self-center text-xs text-accent hover:underline">
          Show {hidden} earlier {hidden === 1 ? "message" : "messages"}
        </button>
      ) : null}
      {messages.slice(hidden).map((m, i) => (
        <Bubble key={hidden + i} message={m} />
      ))}
    </div>
  );
}

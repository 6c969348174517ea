"use client";

import { Braces, Plus, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select, Textarea } from "@/components/ui/textarea";
import { type EditorMessage, newId } from "./draft";

const ROLES = ["system", "user", "assistant", "placeholder"] as const;

/** Highlights `{{variables}}` under the text so a person sees what the side panel fills in. */
function VariableHint({ text }: { text: string }) {
  const names = [...new Set([...text.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1]))];
  if (names.length === 0) return null;
  return (
    <div className="flex flex-wrap gap-1 px-3 pb-2">
      {names.map((n) => (
        <span key={n} className="rounded bg-accent-soft px-1.5 py-0.5 font-mono text-[11px] text-accent">{`{{${n}}}`}</span>
      ))}
    </div>
  );
}

export function MessageEditor({ messages, onChange }: { messages: EditorMessage[]; onChange: (messages: EditorMessage[]) => void }) {
  const set = (id: string, next: EditorMessage) => onChange(messages.map((m) => (m.id === id ? next : m)));
  return (
    <div className="space-y-2">
      {messages.map((m, i) => (
        <div key={m.id} className="rounded-lg border bg-background" data-testid="playground-message">
          <div className="flex h-9 items-center gap-2 border-b bg-panel px-2">
            <Select
              aria-label={`Role of message ${i + 1}`}
              className="h-7 w-36 text-xs font-medium uppercase tracking-wide"
              value={m.role}
              onChange={(e) => {
                const role = e.target.value as EditorMessage["role"];
                if (role === "placeholder") set(m.id, { id: m.id, role, name: m.role === "placeholder" ? m.name : "history" });
                else set(m.id, { id: m.id, role, content: m.role === "placeholder" ? "" : m.content });
              }}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </Select>
            <span className="flex-1" />
            <Button
              variant="ghost"
              size="sm"
              aria-label={`Remove message ${i + 1}`}
              onClick={() => onChange(messages.filter((x) => x.id !== m.id))}
            >
              <X className="h-3.5 w-3.5" />
            </Button>
          </div>
          {m.role === "placeholder" ? (
            <div className="flex items-center gap-2 p-3 text-sm text-muted-foreground">
              <Braces className="h-4 w-4 shrink-0 text-accent" />
              <span className="shrink-0">Messages from placeholder</span>
              <Input
                aria-label={`Placeholder name of message ${i + 1}`}
                className="h-8 max-w-56 font-mono text-xs"
                value={m.name}
                onChange={(e) => set(m.id, { ...m, name: e.target.value })}
              />
              <span className="truncate text-xs">filled in the side panel</span>
            </div>
          ) : (
            <>
              <Textarea
                aria-label={`Content of message ${i + 1} (${m.role})`}
                className="min-h-[4.5rem] resize-y rounded-none border-0 font-mono text-[13px] focus-visible:outline-none"
                placeholder={
                  m.role === "system"
                    ? "Instructions for the model…"
                    : m.role === "user"
                      ? "Ask something — use {{variables}} for values from the side panel"
                      : "An earlier answer of the model"
                }
                value={m.content}
                onChange={(e) => set(m.id, { ...m, content: e.target.value })}
              />
              <VariableHint text={m.content} />
            </>
          )}
        </div>
      ))}
      <div className="flex gap-2">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            const last = messages.at(-1);
            const role = last && last.role === "user" ? "assistant" : "user";
            onChange([...messages, { id: newId("m"), role, content: "" }]);
          }}
        >
          <Plus className="h-3.5 w-3.5" /> Message
        </Button>
        <Button variant="ghost" size="sm" onClick={() => onChange([...messages, { id: newId("m"), role: "placeholder", name: "history" }])}>
          <Braces className="h-3.5 w-3.5" /> Placeholder
        </Button>
      </div>
    </div>
  );
}

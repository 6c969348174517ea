"use client";

import { type PromptType, type TChatItem, type TCreatePromptBody, type TPromptVersionView, ZCreatePromptBody } from "@loupe/contracts";
import { promptPlaceholders, promptVariables } from "@loupe/domain";
import { ArrowDown, ArrowUp, Layers, MessageSquarePlus, Trash2 } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { ApiError } from "@/lib/client/api-client";
import { cn } from "@/lib/shared/cn";
import { VariableBadges } from "./prompt-content";

const ROLES = ["system", "user", "assistant", "developer"];
const textArea = "w-full rounded-md border bg-background px-3 py-2 font-mono text-[13px] leading-relaxed focus-visible:outline-2";

/** The config box's verdict as the person types: an object, or what is wrong with it. */
export function parseConfig(text: string): { config: Record<string, unknown> } | { error: string } {
  if (text.trim() === "") return { config: {} };
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== "object" || Array.isArray(value))
      return { error: 'Config must be a JSON object, like {"temperature": 0.2}' };
    return { config: value as Record<string, unknown> };
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` };
  }
}

function MessageRow({
  item,
  index,
  count,
  onChange,
  onMove,
  onRemove,
}: {
  item: TChatItem;
  index: number;
  count: number;
  onChange: (item: TChatItem) => void;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
}) {
  return (
    <li className="rounded-md border bg-background p-2" data-testid="editor-message">
      <div className="mb-1.5 flex items-center gap-2">
        {item.type === "placeholder" ? (
          <span className="flex items-center gap-1.5 text-xs font-medium text-muted-foreground">
            <Layers className="h-3.5 w-3.5" /> Placeholder
          </span>
        ) : (
          <select
            aria-label={`Role of message ${index + 1}`}
            className="h-7 rounded-md border bg-background px-2 text-xs"
            value={item.role}
            onChange={(e) => onChange({ ...item, role: e.target.value })}
          >
            {[...new Set([...ROLES, item.role])].map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        )}
        <div className="ml-auto flex gap-0.5">
          <Button variant="ghost" size="sm" aria-label="Move up" disabled={index === 0} onClick={() => onMove(-1)}>
            <ArrowUp className="h-3.5 w-3.5" />
          </Button>
          <Button variant="ghost" size="sm" aria-label="Move down" disabled={index === count - 1} onClick={() => onMove(1)}>
            <ArrowDown className="h-3.5 w-3.5" />
          </Button>
          <Button variant="ghost" size="sm" aria-label={`Remove message ${index + 1}`} onClick={onRemove}>
            <Trash2 className="h-3.5 w-3.5" />
          </Button>
        </div>
      </div>
      {item.type === "placeholder" ? (
        <Input
          aria-label={`Placeholder name ${index + 1}`}
          value={item.name}
          placeholder="history"
          onChange={(e) => onChange({ ...item, name: e.target.value })}
        />
      ) : (
        <textarea
          aria-label={`Content of message ${index + 1}`}
          className={textArea}
          rows={Math.min(12, Math.max(2, item.content.split("\n").length))}
          value={item.content}
          placeholder="Use {{variables}} for what the app fills in"
          onChange={(e) => onChange({ ...item, content: e.target.value })}
        />
      )}
    </li>
  );
}

/**
 * Writes a new version: the name and type when the prompt is new, else the latest version's content
 * to start from; text or chat messages (roles, placeholders), a config checked as JSON while typing,
 * and a commit message. The same zod schema as the API decides what is valid before it is sent.
 */
export function VersionEditor({
  name: fixedName,
  start,
  onSubmit,
  onCancel,
}: {
  /** Set for a new version of an existing prompt (name and type are then fixed). */
  name?: string;
  start?: Pick<TPromptVersionView, "type" | "prompt" | "config">;
  onSubmit: (body: TCreatePromptBody) => Promise<void>;
  onCancel?: () => void;
}) {
  const ids = useId();
  const [name, setName] = useState(fixedName ?? "");
  const [type, setType] = useState<PromptType>(start?.type ?? "chat");
  const [text, setText] = useState(typeof start?.prompt === "string" ? start.prompt : "");
  const [messages, setMessages] = useState<TChatItem[]>(
    Array.isArray(start?.prompt)
      ? start.prompt
      : [
          { role: "system", content: "" },
          { role: "user", content: "" },
        ],
  );
  const [configText, setConfigText] = useState(start && Object.keys(start.config).length > 0 ? JSON.stringify(start.config, null, 2) : "");
  const [commitMessage, setCommitMessage] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const config = parseConfig(configText);
  const content = type === "text" ? text : messages;
  const variables = promptVariables(content);
  const placeholders = promptPlaceholders(content);
  const update = (i: number, item: TChatItem) => setMessages((m) => m.map((x, j) => (j === i ? item : x)));
  const move = (i: number, step: -1 | 1) =>
    setMessages((m) => {
      const next = [...m];
      const [item] = next.splice(i, 1);
      if (item) next.splice(i + step, 0, item);
      return next;
    });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if ("error" in config) return setError(config.error);
    const parsed = ZCreatePromptBody.safeParse({
      name,
      type,
      prompt: content,
      config: config.config,
      commitMessage: commitMessage || undefined,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return setError(issue ? `${issue.path.join(".") || "prompt"}: ${issue.message}` : "Check the prompt");
    }
    setSaving(true);
    setError(null);
    try {
      await onSubmit(parsed.data);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not save the version");
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-label={fixedName ? "New version" : "New prompt"}>
      {fixedName ? null : (
        <div className="grid gap-3 sm:grid-cols-[1fr_auto]">
          <div className="space-y-1.5">
            <label htmlFor={`${ids}-name`} className="block text-sm font-medium">
              Name
            </label>
            <Input id={`${ids}-name`} value={name} placeholder="support/triage" onChange={(e) => setName(e.target.value)} />
            <p className="text-xs text-muted-foreground">Use / for folders. Apps fetch the prompt by this name.</p>
          </div>
          <fieldset className="space-y-1.5">
            <legend className="text-sm font-medium">Type</legend>
            <div className="flex h-9 rounded-md border p-0.5">
              {(["chat", "text"] as const).map((t) => (
                <button
                  key={t}
                  type="button"
                  aria-pressed={type === t}
                  onClick={() => setType(t)}
                  className={cn(
                    "rounded px-3 text-sm",
                    type === t ? "bg-accent text-accent-foreground" : "text-muted-foreground hover:bg-muted",
                  )}
                >
                  {t === "chat" ? "Chat" : "Text"}
                </button>
              ))}
            </div>
          </fieldset>
        </div>
      )}

      <div className="space-y-1.5">
        <span className="block text-sm font-medium">{type === "chat" ? "Messages" : "Prompt"}</span>
        {type === "text" ? (
          <textarea
            aria-label="Prompt text"
            className={textArea}
            rows={10}
            value={text}
            placeholder="Summarise {{document}} in {{words}} words."
            onChange={(e) => setText(e.target.value)}
          />
        ) : (
          <>
            <ol className="flex flex-col gap-2">
              {messages.map((item, i) => (
                <MessageRow
                  key={i}
                  item={item}
                  index={i}
                  count={messages.length}
                  onChange={(x) => update(i, x)}
                  onMove={(step) => move(i, step)}
                  onRemove={() => setMessages((m) => m.filter((_, j) => j !== i))}
                />
              ))}
            </ol>
            <div className="flex gap-2">
              <Button
                variant="secondary"
                size="sm"
                onClick={() =>
                  setMessages((m) => [
                    ...m,
                    {
                      role: m.at(-1)?.type !== "placeholder" && (m.at(-1) as { role?: string })?.role === "user" ? "assistant" : "user",
                      content: "",
                    },
                  ])
                }
              >
                <MessageSquarePlus className="h-3.5 w-3.5" /> Add message
              </Button>
              <Button variant="secondary" size="sm" onClick={() => setMessages((m) => [...m, { type: "placeholder", name: "history" }])}>
                <Layers className="h-3.5 w-3.5" /> Add placeholder
              </Button>
            </div>
          </>
        )}
        <div className="flex min-h-5 flex-wrap items-center gap-1.5 text-xs text-muted-foreground" data-testid="detected-variables">
          {variables.length + placeholders.length === 0 ? (
            <span>No variables yet: write {"{{name}}"} where the app fills something in.</span>
          ) : null}
          <VariableBadges variables={variables} placeholders={placeholders} />
        </div>
      </div>

      <div className="space-y-1.5">
        <label htmlFor={`${ids}-config`} className="block text-sm font-medium">
          Config <span className="font-normal text-muted-foreground">(JSON: model, temperature, tools…)</span>
        </label>
        <textarea
          id={`${ids}-config`}
          className={cn(textArea, "error" in config && "border-danger")}
          rows={5}
          value={configText}
          placeholder={'{\n  "model": "gpt-4o",\n  "temperature": 0.2\n}'}
          aria-invalid={"error" in config}
          onChange={(e) => setConfigText(e.target.value)}
        />
        <p className={cn("text-xs", "error" in config ? "text-danger" : "text-muted-foreground")} data-testid="config-status">
          {"error" in config ? config.error : "Valid JSON"}
        </p>
      </div>

      <div className="space-y-1.5">
        <label htmlFor={`${ids}-message`} className="block text-sm font-medium">
          Commit message
        </label>
        <Input
          id={`${ids}-message`}
          value={commitMessage}
          maxLength={500}
          placeholder="What changed and why"
          onChange={(e) => setCommitMessage(e.target.value)}
        />
      </div>

      <FormError message={error} />
      <div className="flex gap-2">
        <Button type="submit" disabled={saving || "error" in config}>
          {saving ? "Saving…" : fixedName ? "Save version" : "Create prompt"}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

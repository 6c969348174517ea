"use client";

import type { TChatItem, TPromptVersionView } from "@loupe/contracts";
import { promptPlaceholders, promptVariables, splitVariables } from "@loupe/domain";
import { Layers } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/shared/cn";

/** A prompt text with its {{variables}} highlighted; rendered as text, never as markup. */
export function HighlightedText({ text, className }: { text: string; className?: string }) {
  return (
    <p className={cn("whitespace-pre-wrap break-words font-mono text-[13px] leading-relaxed", className)}>
      {splitVariables(text).map((part, i) =>
        part.variable ? (
          <mark key={i} className="rounded bg-accent-soft px-0.5 text-accent" title={`variable ${part.variable}`}>
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}

const ROLE_TONE: Record<string, string> = {
  system: "border-l-warning",
  user: "border-l-accent",
  assistant: "border-l-emerald-500",
};

export function ChatMessages({ items }: { items: TChatItem[] }) {
  return (
    <ol className="flex flex-col gap-2">
      {items.map((item, i) => (
        <li key={i} data-testid="chat-message">
          {item.type === "placeholder" ? (
            <div className="flex items-center gap-2 rounded-md border border-dashed px-3 py-2 text-sm text-muted-foreground">
              <Layers className="h-3.5 w-3.5" />
              Placeholder <code className="font-mono text-foreground">{item.name}</code>
              <span className="text-xs">— the app passes a list of messages here</span>
            </div>
          ) : (
            <div className={cn("rounded-md border border-l-4 bg-background px-3 py-2", ROLE_TONE[item.role] ?? "border-l-border")}>
              <div className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-muted-foreground">{item.role}</div>
              <HighlightedText text={item.content} />
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

export function ConfigView({ config }: { config: Record<string, unknown> }) {
  if (Object.keys(config).length === 0) return <p className="text-sm text-muted-foreground">No config.</p>;
  return (
    <pre className="overflow-x-auto rounded-md border bg-background p-3 font-mono text-xs leading-relaxed">
      {JSON.stringify(config, null, 2)}
    </pre>
  );
}

/** The names a version's content expects from the app: variables, then placeholders. */
export function VariableBadges({ variables, placeholders }: { variables: string[]; placeholders: string[] }) {
  return (
    <>
      {variables.length > 0 ? <span>Variables</span> : null}
      {variables.map((v) => (
        <Badge key={v} tone="accent">
          {v}
        </Badge>
      ))}
      {placeholders.length > 0 ? <span className="ml-2">Placeholders</span> : null}
      {placeholders.map((p) => (
        <Badge key={p}>{p}</Badge>
      ))}
    </>
  );
}

/** The version's content as a person reads it: chat cards or text, its variables and placeholders named. */
export function PromptContent({ version }: { version: Pick<TPromptVersionView, "prompt"> }) {
  const variables = promptVariables(version.prompt);
  const placeholders = promptPlaceholders(version.prompt);
  return (
    <div className="flex flex-col gap-3">
      {typeof version.prompt === "string" ? (
        <div className="rounded-md border bg-background px-3 py-2">
          <HighlightedText text={version.prompt} />
        </div>
      ) : (
        <ChatMessages items={version.prompt} />
      )}
      {variables.length + placeholders.length > 0 ? (
        <div className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
          <VariableBadges variables={variables} placeholders={placeholders} />
        </div>
      ) : null}
    </div>
  );
}

"use client";

import type { TPromptVersionView } from "@loupe/contracts";
import { diffLines } from "diff";
import { cn } from "@/lib/shared/cn";

type Side = Pick<TPromptVersionView, "version" | "prompt" | "config">;
type Row = { left: string | null; right: string | null; kind: "same" | "removed" | "added" | "changed" };

/** A version as lines a diff can compare: the text, or one block per chat message. */
export function contentLines(prompt: TPromptVersionView["prompt"]): string {
  if (typeof prompt === "string") return prompt;
  return prompt.map((m) => (m.type === "placeholder" ? `[placeholder: ${m.name}]` : `[${m.role}]\n${m.content}`)).join("\n\n");
}

/** Side-by-side rows: unchanged lines on both sides, a removed run paired with the added run after it. */
export function sideBySide(a: string, b: string): Row[] {
  const rows: Row[] = [];
  const parts = diffLines(a, b);
  const lines = (v: string) => v.replace(/\n$/, "").split("\n");
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part) continue;
    if (!part.added && !part.removed) {
      for (const l of lines(part.value)) rows.push({ left: l, right: l, kind: "same" });
      continue;
    }
    const next = parts[i + 1];
    const removed = part.removed ? lines(part.value) : [];
    const added = part.added ? lines(part.value) : next?.added && part.removed ? lines(next.value) : [];
    if (part.removed && next?.added) i++;
    for (let j = 0; j < Math.max(removed.length, added.length); j++) {
      const left = removed[j] ?? null;
      const right = added[j] ?? null;
      rows.push({ left, right, kind: left !== null && right !== null ? "changed" : left !== null ? "removed" : "added" });
    }
  }
  return rows;
}

function DiffTable({ title, a, b }: { title: string; a: string; b: string }) {
  const rows = sideBySide(a, b);
  const changed = rows.some((r) => r.kind !== "same");
  return (
    <section className="overflow-hidden rounded-md border">
      <h3 className="border-b bg-panel px-3 py-1.5 text-xs font-medium text-muted-foreground">
        {title} {changed ? null : <span className="ml-1">· unchanged</span>}
      </h3>
      <div className="grid grid-cols-2 font-mono text-xs leading-5" data-testid={`diff-${title.toLowerCase()}`}>
        {rows.map((r, i) => (
          <div key={i} className="contents">
            <div
              className={cn(
                "whitespace-pre-wrap break-words border-r px-3",
                (r.kind === "removed" || r.kind === "changed") && "bg-danger-soft text-danger",
              )}
            >
              {r.left === null ? "\u00a0" : r.left || "\u00a0"}
            </div>
            <div
              className={cn(
                "whitespace-pre-wrap break-words px-3",
                (r.kind === "added" || r.kind === "changed") && "bg-emerald-500/10 text-emerald-700 dark:text-emerald-300",
              )}
            >
              {r.right === null ? "\u00a0" : r.right || "\u00a0"}
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}

/** Two versions side by side: content (text or messages) and config. */
export function VersionDiff({ from, to }: { from: Side; to: Side }) {
  return (
    <div className="flex flex-col gap-3">
      <div className="grid grid-cols-2 text-xs font-medium text-muted-foreground">
        <span className="px-3">Version {from.version}</span>
        <span className="px-3">Version {to.version}</span>
      </div>
      <DiffTable title="Content" a={contentLines(from.prompt)} b={contentLines(to.prompt)} />
      <DiffTable title="Config" a={JSON.stringify(from.config, null, 2)} b={JSON.stringify(to.config, null, 2)} />
    </div>
  );
}

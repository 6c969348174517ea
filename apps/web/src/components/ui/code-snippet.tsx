import { CopyButton } from "./copy-button";

/** A titled, copyable code block (empty states teach with these). */
export function CodeSnippet({ title, code }: { title: string; code: string }) {
  return (
    <div className="overflow-hidden rounded-lg border text-left">
      <div className="flex h-8 items-center justify-between border-b bg-panel pl-3 pr-1">
        <span className="text-xs font-medium text-muted-foreground">{title}</span>
        <CopyButton value={code} label={`Copy ${title} snippet`} />
      </div>
      <pre className="overflow-x-auto bg-background p-3 font-mono text-xs leading-relaxed text-foreground">{code}</pre>
    </div>
  );
}

import { cn } from "@/lib/shared/cn";

/** Names longer than this keep their end visible: deep names differ at the end (`agent.tools.search`). */
const TAIL_FROM = 28;
const TAIL_CHARS = 12;

/** A name truncated in the middle (start and end stay readable), the full name in its tooltip. */
export function MiddleTruncated({ text, className, ...rest }: { text: string; className?: string; "data-level"?: string }) {
  const split = text.length > TAIL_FROM;
  return (
    <span className={cn("flex min-w-0", className)} title={text} {...rest}>
      <span className="truncate">{split ? text.slice(0, -TAIL_CHARS) : text}</span>
      {split ? <span className="shrink-0 whitespace-pre">{text.slice(-TAIL_CHARS)}</span> : null}
    </span>
  );
}

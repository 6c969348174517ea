import Link from "next/link";
import { cn } from "@/lib/shared/cn";
import { CopyButton } from "./copy-button";

/** An id in monospace, truncated with its full value as title, a copy button, and optionally a link. */
export function IdText({
  value,
  href,
  className,
  copyLabel = "Copy id",
}: {
  value: string;
  href?: string;
  className?: string;
  copyLabel?: string;
}) {
  return (
    <span className={cn("flex min-w-0 items-center gap-0.5 font-mono text-xs", className)}>
      {href ? (
        <Link href={href} className="truncate hover:text-accent hover:underline" title={value} onClick={(e) => e.stopPropagation()}>
          {value}
        </Link>
      ) : (
        <span className="truncate" title={value}>
          {value}
        </span>
      )}
      <CopyButton value={value} label={copyLabel} className="h-5 w-5 opacity-60 hover:opacity-100" />
    </span>
  );
}

export const Dash = () => <span className="text-muted-foreground">–</span>;

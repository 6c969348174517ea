import type { ReactNode } from "react";
import { cn } from "@/lib/shared/cn";

/** A labelled figure in a page header's summary row (wrap several in a <dl>). */
export function Stat({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div className={cn("min-w-0", className)}>
      <dt className="text-[11px] uppercase tracking-wide text-muted-foreground">{label}</dt>
      <dd className="truncate font-mono text-xs tabular">{children}</dd>
    </div>
  );
}

import type { ReactNode } from "react";

/** A labelled figure in a page header's summary row (wrap several in a <dl>). */
export function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-[11px] uppercase tracking-wide text-muted-foreground">{label}</dt>
      <dd className="truncate font-mono text-xs tabular">{children}</dd>
    </div>
  );
}

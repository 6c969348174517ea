"use client";

import { X } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "./button";

/** The bar above a table while rows are ticked: what is selected (and a way to widen it), its actions, and Clear. */
export function SelectionBar({
  label,
  extra,
  onClear,
  children,
}: {
  label: string;
  extra?: ReactNode;
  onClear: () => void;
  children: ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label="Bulk actions"
      data-testid="bulk-bar"
      className="mb-2 flex flex-wrap items-center gap-2 rounded-lg border border-accent/40 bg-accent-soft px-3 py-1.5 text-xs"
    >
      <span className="font-medium" role="status">
        {label}
      </span>
      {extra}
      <div className="ml-auto flex flex-wrap items-center gap-2">
        {children}
        <Button variant="ghost" size="sm" onClick={onClear} aria-label="Clear selection">
          <X className="h-3.5 w-3.5" /> Clear
        </Button>
      </div>
    </div>
  );
}

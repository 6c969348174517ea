"use client";

import { Keyboard } from "lucide-react";
import { useOpenShortcutsHelp } from "@/components/keyboard/shortcuts";

/** The sidebar's way into the `?` dialog, for people who do not know the key yet. */
export function ShortcutsButton() {
  const openHelp = useOpenShortcutsHelp();
  return (
    <button
      type="button"
      aria-label="Keyboard shortcuts"
      title="Keyboard shortcuts (?)"
      onClick={openHelp}
      className="inline-flex h-8 w-8 items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground"
    >
      <Keyboard className="h-4 w-4" />
    </button>
  );
}

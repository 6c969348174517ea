"use client";

import { X } from "lucide-react";
import type { ReactNode } from "react";
import { Group, Panel, Separator } from "react-resizable-panels";
import { useShortcuts } from "@/components/keyboard/shortcuts";
import { useLocalStorage } from "@/lib/client/use-local-storage";
import { useMediaQuery } from "@/lib/client/use-media-query";

/** Below this the list and a preview do not both fit: the preview overlays the list. */
const NARROW_WINDOW = "(max-width: 1100px)";

/**
 * A list with a preview ("peek") panel on its right (ui.md: detail views open in a side panel from
 * lists). The split is resizable and its width remembered per list; on a narrow window the preview
 * overlays the list instead. Escape closes it. The list stays mounted either way, so opening,
 * closing and resizing keep its scroll position and focus.
 */
export function PeekLayout({
  id,
  label,
  preview,
  onClose,
  children,
}: {
  /** Names the remembered width ("traces"). */
  id: string;
  /** The panel's accessible name ("Trace preview"). */
  label: string;
  /** The open preview, or null when closed. */
  preview: ReactNode | null;
  onClose: () => void;
  children: ReactNode;
}) {
  const narrow = useMediaQuery(NARROW_WINDOW);
  // The remembered width is read after mount, so the preview mounts then too: a panel's size is
  // fixed when it mounts, and server and first client render must agree.
  const [percent, setPercent, widthLoaded] = useLocalStorage(`loupe.peek.${id}`, 45);
  useShortcuts("Preview", [{ keys: ["Escape"], description: "Close the preview", run: onClose }], preview !== null);

  const panel =
    preview === null || !widthLoaded ? null : (
      <aside aria-label={label} data-testid="peek-panel" className="flex h-full flex-col bg-background">
        {preview}
      </aside>
    );
  return (
    <>
      <Group
        orientation="horizontal"
        style={{ height: "100dvh" }}
        onLayoutChanged={(layout, meta) => {
          if (meta.isUserInteraction && layout.peek) setPercent(Math.round(layout.peek));
        }}
      >
        <Panel id="list" minSize={360}>
          {children}
        </Panel>
        {panel && !narrow ? (
          <>
            <Separator
              aria-label="Resize the preview"
              className="w-px bg-border data-[separator=active]:bg-accent data-[separator=focus]:bg-accent data-[separator=hover]:bg-accent"
            />
            <Panel id="peek" defaultSize={`${percent}%`} minSize={400}>
              {panel}
            </Panel>
          </>
        ) : null}
      </Group>
      {panel && narrow ? (
        <>
          {/* The list still shows at the edge: dimmed, a click there closes the preview. */}
          <div className="fixed inset-0 z-20 bg-black/30" aria-hidden onClick={onClose} />
          <div className="fixed inset-y-0 right-0 z-30 w-[min(720px,calc(100vw-3.5rem))] border-l shadow-2xl">{panel}</div>
        </>
      ) : null}
    </>
  );
}

/** The top row of a preview: what it shows, its actions (open in full), and close. */
export function PeekToolbar({ title, actions, onClose }: { title: ReactNode; actions: ReactNode; onClose: () => void }) {
  return (
    <div className="flex w-full items-center gap-2">
      <span className="text-xs font-medium text-muted-foreground">{title}</span>
      <div className="ml-auto flex items-center gap-1">
        {actions}
        <button
          type="button"
          onClick={onClose}
          aria-label="Close preview"
          title="Close preview (Esc)"
          className="inline-flex h-7 w-7 items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground"
        >
          <X className="h-4 w-4" />
        </button>
      </div>
    </div>
  );
}

"use client";

import { type CSSProperties, type ReactNode, useLayoutEffect, useRef, useState } from "react";
import { Group, Panel, Separator } from "react-resizable-panels";
import { useLocalStorage } from "@/lib/client/use-local-storage";

/** Narrower than this (a preview panel, a small window) the tree stacks above the detail. */
const STACK_BELOW_PX = 760;

/** The width of an element, following it as it resizes (null before the first measure). */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/**
 * The trace view's tree ⟷ detail split: side by side and resizable when there is room (the width is
 * remembered across traces), stacked when the view is narrow. The split follows the space the view
 * gets, not the window: beside a list in a preview panel it stacks.
 */
export function TraceSplit({ tree, detail, stackedTreePx }: { tree: ReactNode; detail: ReactNode; stackedTreePx: number }) {
  const [ref, width] = useWidth();
  // Read after mount: a panel's size is fixed when it mounts, so the group waits for the stored one.
  const [percent, setPercent, loaded] = useLocalStorage("loupe.trace.split", 44);
  const stacked = width !== null && width < STACK_BELOW_PX;
  return (
    <div ref={ref} className="flex min-h-0 flex-1">
      {width === null || !loaded ? null : stacked ? (
        <div className="flex min-h-0 w-full flex-col">
          <div
            className="@container flex h-[min(42%,var(--tree-fit))] min-h-[120px] shrink-0 flex-col border-b"
            style={{ "--tree-fit": `${stackedTreePx}px` } as CSSProperties}
          >
            {tree}
          </div>
          {detail}
        </div>
      ) : (
        <Group
          orientation="horizontal"
          className="min-h-0 w-full"
          onLayoutChanged={(layout, meta) => {
            if (meta.isUserInteraction && layout.tree) setPercent(Math.round(layout.tree));
          }}
        >
          <Panel id="tree" defaultSize={`${percent}%`} minSize="280px">
            <div className="@container flex h-full min-h-0 flex-col">{tree}</div>
          </Panel>
          <Separator
            aria-label="Resize the tree"
            data-testid="trace-split-handle"
            className="w-px bg-border data-[separator=active]:bg-accent data-[separator=focus]:bg-accent data-[separator=hover]:bg-accent"
          />
          <Panel id="detail" minSize="320px">
            <div className="flex h-full min-h-0 flex-col">{detail}</div>
          </Panel>
        </Group>
      )}
    </div>
  );
}

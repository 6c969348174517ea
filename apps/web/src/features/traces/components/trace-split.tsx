"use client";

import { type CSSProperties, type ReactNode, useCallback, useLayoutEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
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
 * A DOM node that keeps what React renders into it mounted while the node moves between slots: when the
 * split switches between side by side and stacked, the tree and the detail keep their state (a half-typed
 * score, the selected tab, the tree's scroll) instead of mounting anew under a different parent.
 */
function useMovableNode(className: string) {
  const [node] = useState(() => {
    if (typeof document === "undefined") return null;
    const el = document.createElement("div");
    el.className = className;
    return el;
  });
  const slot = useCallback(
    (el: HTMLDivElement | null) => {
      if (el && node && node.parentNode !== el) el.appendChild(node);
    },
    [node],
  );
  return [node, slot] as const;
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
  const [treeNode, treeSlot] = useMovableNode("@container flex h-full min-h-0 flex-col");
  const [detailNode, detailSlot] = useMovableNode("flex h-full min-h-0 flex-col");
  const ready = width !== null && loaded && treeNode !== null && detailNode !== null;
  return (
    <div ref={ref} className="flex min-h-0 flex-1">
      {ready && createPortal(tree, treeNode)}
      {ready && createPortal(detail, detailNode)}
      {!ready ? null : stacked ? (
        <div className="flex min-h-0 w-full flex-col">
          <div
            ref={treeSlot}
            className="flex h-[min(42%,var(--tree-fit))] min-h-[120px] shrink-0 flex-col border-b"
            style={{ "--tree-fit": `${stackedTreePx}px` } as CSSProperties}
          />
          <div ref={detailSlot} className="flex min-h-0 flex-1 flex-col" />
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
            <div ref={treeSlot} className="flex h-full min-h-0 flex-col" />
          </Panel>
          <Separator
            aria-label="Resize the tree"
            data-testid="trace-split-handle"
            className="w-px bg-border data-[separator=active]:bg-accent data-[separator=focus]:bg-accent data-[separator=hover]:bg-accent"
          />
          <Panel id="detail" minSize="320px">
            <div ref={detailSlot} className="flex h-full min-h-0 flex-col" />
          </Panel>
        </Group>
      )}
    </div>
  );
}

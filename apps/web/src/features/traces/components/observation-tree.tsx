"use client";

import type { TObservationSummary } from "@loupe/contracts";
import { type TreeNode, buildObservationTree, flattenTree } from "@loupe/domain/tree";
import { useVirtualizer } from "@tanstack/react-virtual";
import { ChevronDown, ChevronRight, Route } from "lucide-react";
import { useMemo, useRef, useState } from "react";
import { cn } from "@/lib/cn";
import { durationBetween, formatCost, formatDuration, formatTokens } from "@/lib/format";
import { ObservationIcon } from "./observation-icon";

type Node = TreeNode<TObservationSummary>;
export const TRACE_ROOT = "__trace__";

/** ids of every observation that is an ERROR or has one below it. */
function errorPaths(observations: TObservationSummary[]): Set<string> {
  const byId = new Map(observations.map((o) => [o.id, o]));
  const marked = new Set<string>();
  for (const o of observations) {
    if (o.level !== "ERROR") continue;
    let cur: TObservationSummary | undefined = o;
    while (cur && !marked.has(cur.id)) {
      marked.add(cur.id);
      cur = cur.parentObservationId ? byId.get(cur.parentObservationId) : undefined;
    }
  }
  return marked;
}

export function ObservationTree({
  traceName,
  traceLatencyMs,
  traceCost,
  observations,
  selectedId,
  onSelect,
}: {
  traceName: string;
  traceLatencyMs: number | null;
  traceCost: number | null;
  observations: TObservationSummary[];
  selectedId: string;
  onSelect: (id: string) => void;
}) {
  const roots = useMemo(() => buildObservationTree(observations), [observations]);
  const errors = useMemo(() => errorPaths(observations), [observations]);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const rows = useMemo(() => {
    const visible: Node[] = [];
    const all = flattenTree(roots);
    const hiddenUnder = new Set<string>();
    for (const node of all) {
      if (node.parentObservationId && hiddenUnder.has(node.parentObservationId)) {
        hiddenUnder.add(node.id);
        continue;
      }
      visible.push(node);
      if (collapsed.has(node.id)) hiddenUnder.add(node.id);
    }
    return visible;
  }, [roots, collapsed]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length + 1,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 30,
    overscan: 20,
  });
  const toggle = (id: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div ref={scrollRef} className="h-full overflow-auto" role="tree" aria-label="Observations">
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((item) => {
          const style = {
            position: "absolute" as const,
            top: 0,
            left: 0,
            right: 0,
            height: item.size,
            transform: `translateY(${item.start}px)`,
          };
          if (item.index === 0) {
            return (
              <TreeRow
                key={TRACE_ROOT}
                style={style}
                depth={0}
                selected={selectedId === TRACE_ROOT}
                onSelect={() => onSelect(TRACE_ROOT)}
                hasError={errors.size > 0}
                icon={
                  <span className="inline-flex h-5 w-5 items-center justify-center rounded bg-muted">
                    <Route className="h-3.5 w-3.5" aria-hidden />
                  </span>
                }
                name={traceName}
                duration={traceLatencyMs}
                cost={traceCost}
                testId="tree-row-trace"
              />
            );
          }
          const node = rows[item.index - 1] as Node;
          return (
            <TreeRow
              key={node.id}
              style={style}
              depth={node.depth + 1}
              selected={selectedId === node.id}
              onSelect={() => onSelect(node.id)}
              hasError={errors.has(node.id)}
              isError={node.level === "ERROR"}
              expandable={node.children.length > 0}
              expanded={!collapsed.has(node.id)}
              onToggle={() => toggle(node.id)}
              icon={<ObservationIcon type={node.type} />}
              name={node.name ?? node.type.toLowerCase()}
              model={node.model}
              duration={durationBetween(node.startTime, node.endTime)}
              tokens={node.totalTokens}
              cost={node.totalCost}
              testId="tree-row"
            />
          );
        })}
      </div>
    </div>
  );
}

function TreeRow(props: {
  style: React.CSSProperties;
  depth: number;
  selected: boolean;
  onSelect: () => void;
  hasError: boolean;
  isError?: boolean;
  expandable?: boolean;
  expanded?: boolean;
  onToggle?: () => void;
  icon: React.ReactNode;
  name: string;
  model?: string | null;
  duration: number | null;
  tokens?: number | null;
  cost: number | null;
  testId: string;
}) {
  return (
    <div
      style={props.style}
      role="treeitem"
      aria-selected={props.selected}
      tabIndex={0}
      data-testid={props.testId}
      onClick={props.onSelect}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") props.onSelect();
        if (e.key === "ArrowRight" && props.expandable && !props.expanded) props.onToggle?.();
        if (e.key === "ArrowLeft" && props.expandable && props.expanded) props.onToggle?.();
        if (e.key === "ArrowDown") (e.currentTarget.nextElementSibling as HTMLElement | null)?.focus();
        if (e.key === "ArrowUp") (e.currentTarget.previousElementSibling as HTMLElement | null)?.focus();
      }}
      className={cn(
        "flex cursor-pointer items-center gap-1.5 border-l-2 pr-3 text-[13px]",
        props.selected ? "border-accent bg-accent-soft" : "border-transparent hover:bg-muted/70",
      )}
    >
      <div style={{ width: 8 + props.depth * 14 }} className="shrink-0" />
      {props.expandable ? (
        <button
          type="button"
          aria-label={props.expanded ? "Collapse" : "Expand"}
          onClick={(e) => {
            e.stopPropagation();
            props.onToggle?.();
          }}
          className="-ml-5 inline-flex h-4 w-4 items-center justify-center rounded text-muted-foreground hover:bg-muted"
        >
          {props.expanded ? <ChevronDown className="h-3 w-3" /> : <ChevronRight className="h-3 w-3" />}
        </button>
      ) : null}
      {props.icon}
      <span className={cn("min-w-0 truncate", props.isError && "text-danger font-medium")} title={props.name}>
        {props.name}
      </span>
      {props.hasError && !props.isError ? <span className="h-1.5 w-1.5 shrink-0 rounded-full bg-danger" title="An error below" /> : null}
      {props.model ? (
        <span className="hidden shrink-0 truncate rounded bg-muted px-1 text-[11px] text-muted-foreground xl:inline">{props.model}</span>
      ) : null}
      <span className="ml-auto flex shrink-0 items-center gap-3 font-mono text-[11px] text-muted-foreground tabular">
        {props.tokens ? <span title="Tokens">{formatTokens(props.tokens)} tok</span> : null}
        {props.cost !== null && props.cost !== undefined ? <span title="Cost">{formatCost(props.cost)}</span> : null}
        <span className="w-14 text-right" title="Duration">
          {formatDuration(props.duration)}
        </span>
      </span>
    </div>
  );
}

"use client";

import type { TObservationSummary } from "@loupe/contracts";
import { type TreeNode, buildObservationTree, flattenTree } from "@loupe/domain/tree";
import { useVirtualizer } from "@tanstack/react-virtual";
import { ChevronDown, ChevronRight, Route } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useShortcuts } from "@/components/keyboard/shortcuts";
import { MiddleTruncated } from "@/components/ui/middle-truncated";
import { cn } from "@/lib/shared/cn";
import { durationBetween, formatCost, formatDuration, formatTokens } from "@/lib/shared/format";
import { OBSERVATION_STYLE, ObservationIcon } from "./observation-icon";

type Node = TreeNode<TObservationSummary>;
export const TRACE_ROOT = "__trace__";
/** Height of a tree row; the trace view sizes a stacked tree from it. */
export const TREE_ROW_PX = 30;

/** ids of every observation at this level or with one below it. */
function levelPaths(observations: TObservationSummary[], level: "ERROR" | "WARNING"): Set<string> {
  const byId = new Map(observations.map((o) => [o.id, o]));
  const marked = new Set<string>();
  for (const o of observations) {
    if (o.level !== level) continue;
    let cur: TObservationSummary | undefined = o;
    while (cur && !marked.has(cur.id)) {
      marked.add(cur.id);
      cur = cur.parentObservationId ? byId.get(cur.parentObservationId) : undefined;
    }
  }
  return marked;
}

/** Where bars sit: every observation's start/end relative to the whole trace (ms). */
function traceSpan(observations: TObservationSummary[]) {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const o of observations) {
    const s = Date.parse(o.startTime);
    start = Math.min(start, s);
    end = Math.max(end, o.endTime ? Date.parse(o.endTime) : s);
  }
  return Number.isFinite(start) ? { start, duration: Math.max(end - start, 1) } : { start: 0, duration: 1 };
}

type Span = ReturnType<typeof traceSpan>;

/**
 * The observation tree, optionally with a timeline (waterfall) column. One virtual list renders the
 * tree cell and the bar of each row, so both views scroll, collapse and select as one.
 */
export function ObservationTree({
  traceName,
  traceLatencyMs,
  traceCost,
  observations,
  selectedId,
  onSelect,
  timeline = false,
  keys = false,
  matches,
}: {
  traceName: string;
  traceLatencyMs: number | null;
  traceCost: number | null;
  observations: TObservationSummary[];
  selectedId: string;
  onSelect: (id: string) => void;
  timeline?: boolean;
  /** `j`/`k` select the next/previous visible row (when the tree is the page's main list). */
  keys?: boolean;
  /** Rows the trace search found (highlighted); TRACE_ROOT for the trace row. */
  matches?: ReadonlySet<string>;
}) {
  const span = useMemo(() => traceSpan(observations), [observations]);
  const roots = useMemo(() => buildObservationTree(observations), [observations]);
  const errors = useMemo(() => levelPaths(observations, "ERROR"), [observations]);
  const warnings = useMemo(() => levelPaths(observations, "WARNING"), [observations]);
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
    estimateSize: () => TREE_ROW_PX,
    overscan: 20,
  });
  const toggle = (id: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  // A selection below a collapsed node (a search match, a link) opens the nodes above it. Only when the
  // selection changes: collapsing a node around the selected row by hand stays collapsed.
  useEffect(() => {
    const byId = new Map(observations.map((o) => [o.id, o]));
    setCollapsed((prev) => {
      const open = new Set(prev);
      let cur = byId.get(selectedId)?.parentObservationId;
      for (let guard = 0; cur && guard < observations.length; guard++) {
        open.delete(cur);
        cur = byId.get(cur)?.parentObservationId;
      }
      return open.size === prev.size ? prev : open;
    });
  }, [selectedId, observations]);

  // Keep the selected row in view when the selection comes from elsewhere (keyboard, links).
  const selectedIndex = selectedId === TRACE_ROOT ? 0 : rows.findIndex((r) => r.id === selectedId) + 1;
  useEffect(() => {
    if (selectedIndex > 0) virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedIndex]);
  const step = (by: 1 | -1) => () => {
    const next = Math.min(rows.length, Math.max(0, selectedIndex + by));
    onSelect(next === 0 ? TRACE_ROOT : (rows[next - 1] as Node).id);
  };
  useShortcuts(
    "Trace",
    [
      { keys: ["j"], description: "Next observation", run: step(1) },
      { keys: ["k"], description: "Previous observation", run: step(-1) },
    ],
    keys,
  );
  useShortcuts("Trace", [
    { keys: ["ArrowDown", "ArrowUp"], description: "Move the focus in the tree" },
    { keys: ["ArrowRight", "ArrowLeft"], description: "Expand or collapse the focused node" },
  ]);

  return (
    <div className="flex h-full flex-col">
      {timeline ? <TimelineScale durationMs={span.duration} /> : null}
      <div ref={scrollRef} className="@container min-h-0 flex-1 overflow-auto" role="tree" aria-label="Observations">
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
                  matched={matches?.has(TRACE_ROOT)}
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
                  bar={
                    timeline ? { span, start: span.start, end: span.start + span.duration, className: "bg-muted-foreground/40" } : undefined
                  }
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
                matched={matches?.has(node.id)}
                onSelect={() => onSelect(node.id)}
                hasError={errors.has(node.id)}
                isError={node.level === "ERROR"}
                hasWarning={warnings.has(node.id)}
                isWarning={node.level === "WARNING"}
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
                bar={
                  timeline
                    ? {
                        span,
                        start: Date.parse(node.startTime),
                        end: node.endTime ? Date.parse(node.endTime) : Date.parse(node.startTime),
                        className:
                          node.level === "ERROR" ? "bg-danger" : node.level === "WARNING" ? "bg-warning" : OBSERVATION_STYLE[node.type].bar,
                        isError: node.level === "ERROR",
                      }
                    : undefined
                }
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** Tick labels above the timeline column (0, ¼, ½, ¾; the trace row's bar shows the full duration). */
function TimelineScale({ durationMs }: { durationMs: number }) {
  return (
    <div className="flex h-6 shrink-0 border-b text-[10px] text-muted-foreground">
      <div className="w-[42%] min-w-[200px] shrink-0 px-3 leading-6">Observation</div>
      <div className="relative mr-14 flex-1">
        {[0, 0.25, 0.5, 0.75].map((f) => (
          <span
            key={f}
            className="absolute top-0 font-mono leading-6 tabular"
            style={{ left: `${f * 100}%`, transform: f === 0 ? undefined : "translateX(-50%)" }}
          >
            {f === 0 ? "0" : formatDuration(durationMs * f)}
          </span>
        ))}
      </div>
    </div>
  );
}

type Bar = { span: Span; start: number; end: number; className: string; isError?: boolean };

/** One waterfall bar, positioned by start/end relative to the trace; zero-length events show as a tick. */
function TimelineBar({ bar, label, duration }: { bar: Bar; label: string; duration: number | null }) {
  const left = ((bar.start - bar.span.start) / bar.span.duration) * 100;
  const width = Math.max(((bar.end - bar.start) / bar.span.duration) * 100, 0);
  return (
    <div className="relative mr-14 h-full flex-1">
      <div className="absolute inset-y-0 left-0 right-0 border-l border-dashed border-border" />
      <div
        data-testid="timeline-bar"
        data-error={bar.isError ? "true" : undefined}
        title={`${label} · ${formatDuration(duration)}`}
        className={cn("absolute top-1/2 h-3 min-w-[3px] -translate-y-1/2 rounded-sm", bar.className)}
        style={{ left: `${Math.min(left, 99.5)}%`, width: `${width}%` }}
      />
      <span
        className="pointer-events-none absolute top-1/2 -translate-y-1/2 pl-1 font-mono text-[10px] whitespace-nowrap text-muted-foreground tabular"
        style={{ left: `${Math.min(left + width, 100)}%` }}
      >
        {formatDuration(duration)}
      </span>
    </div>
  );
}

function TreeRow(props: {
  style: React.CSSProperties;
  depth: number;
  selected: boolean;
  /** A match of the trace search. */
  matched?: boolean;
  onSelect: () => void;
  hasError: boolean;
  isError?: boolean;
  /** WARNING observations are marked like errors, in amber (ui.md: levels). */
  hasWarning?: boolean;
  isWarning?: boolean;
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
  bar?: Bar;
}) {
  const label = (
    <>
      <div style={{ width: 8 + props.depth * 14 }} className="shrink-0" />
      {props.expandable ? (
        <button
          type="button"
          aria-label={props.expanded ? "Collapse" : "Expand"}
          onClick={(e) => {
            e.stopPropagation();
            props.onToggle?.();
          }}
          className="-ml-5 inline-flex h-4 w-4 shrink-0 items-center justify-center rounded text-muted-foreground hover:bg-muted"
        >
          {props.expanded ? <ChevronDown className="h-3 w-3" /> : <ChevronRight className="h-3 w-3" />}
        </button>
      ) : null}
      {props.icon}
      <MiddleTruncated
        text={props.name}
        className={cn(props.isError && "text-danger font-medium", props.isWarning && "text-warning font-medium")}
        data-level={props.isError ? "ERROR" : props.isWarning ? "WARNING" : undefined}
      />
      {props.hasError && !props.isError ? <span className="h-1.5 w-1.5 shrink-0 rounded-full bg-danger" title="An error below" /> : null}
      {props.hasWarning && !props.isWarning && !props.hasError ? (
        <span className="h-1.5 w-1.5 shrink-0 rounded-full bg-warning" title="A warning below" data-testid="warning-below" />
      ) : null}
    </>
  );
  return (
    <div
      style={props.style}
      role="treeitem"
      aria-selected={props.selected}
      tabIndex={0}
      data-testid={props.testId}
      data-match={props.matched ? "true" : undefined}
      onClick={props.onSelect}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") props.onSelect();
        if (e.key === "ArrowRight" && props.expandable && !props.expanded) props.onToggle?.();
        if (e.key === "ArrowLeft" && props.expandable && props.expanded) props.onToggle?.();
        if (e.key === "ArrowDown" || e.key === "ArrowUp") {
          e.preventDefault(); // the tree owns its arrows (no page scroll, no list shortcut)
          const sibling = e.key === "ArrowDown" ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling;
          (sibling as HTMLElement | null)?.focus();
        }
      }}
      className={cn(
        "flex cursor-pointer items-center gap-1.5 border-l-2 text-[13px]",
        props.bar ? "pr-0" : "pr-3",
        props.selected ? "border-accent bg-accent-soft" : "border-transparent hover:bg-muted/70",
        props.matched && !props.selected && "bg-warning/15",
      )}
    >
      {props.bar ? (
        <>
          <div className="flex h-full w-[42%] min-w-[200px] shrink-0 items-center gap-1.5 overflow-hidden border-r pr-2">{label}</div>
          <TimelineBar bar={props.bar} label={props.name} duration={props.duration} />
        </>
      ) : (
        <>
          {label}
          {props.model ? (
            <span className="hidden shrink-0 truncate rounded bg-muted px-1 text-[11px] text-muted-foreground @min-[520px]:inline">
              {props.model}
            </span>
          ) : null}
          <span className="ml-auto flex shrink-0 items-center gap-3 font-mono text-[11px] text-muted-foreground tabular">
            {props.tokens ? <span title="Tokens">{formatTokens(props.tokens)} tok</span> : null}
            {props.cost !== null && props.cost !== undefined ? <span title="Cost">{formatCost(props.cost)}</span> : null}
            <span className="w-14 text-right" title="Duration">
              {formatDuration(props.duration)}
            </span>
          </span>
        </>
      )}
    </div>
  );
}

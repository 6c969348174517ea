"use client";

import type { TTraceDetailResponse } from "@loupe/contracts";
import { hasAgentSteps } from "@loupe/domain";
import { ListTree, type LucideIcon, Network, SquareChartGantt } from "lucide-react";
import dynamic from "next/dynamic";
import { type Dispatch, type ReactNode, type SetStateAction, useState } from "react";
import { DetailError, DetailLoading } from "@/components/ui/detail-states";
import { Skeleton } from "@/components/ui/skeleton";
import { useShortcuts } from "@/components/keyboard/shortcuts";
import { cn } from "@/lib/shared/cn";
import { CommentsPanel } from "@/features/comments";
import { useCan } from "@/lib/client/project-role";
import { ObservationDetail } from "./components/observation-detail";
import { ObservationTree, TRACE_ROOT, TREE_ROW_PX } from "./components/observation-tree";
import { PayloadView } from "./components/payload-view";
import { ScoresPanel } from "./components/scores-panel";
import { TraceHeader } from "./components/trace-header";
import { TraceSearchBar, useTraceFind } from "./components/trace-search";
import { TraceSplit } from "./components/trace-split";
import { type TraceSource, useTrace } from "./hooks/use-trace-detail";

/** What sits around the tree's rows: its toolbar, the timeline scale, padding. */
const TREE_CHROME_PX = 36 + 24 + 8;

// The graph library is loaded only when someone opens the graph.
const AgentGraph = dynamic(() => import("./components/agent-graph").then((m) => m.AgentGraph), {
  ssr: false,
  loading: () => <Skeleton className="m-3 h-40" />,
});

type Mode = "tree" | "timeline" | "graph";
const MODES: [Mode, string, LucideIcon][] = [
  ["tree", "Tree", ListTree],
  ["timeline", "Timeline", SquareChartGantt],
  ["graph", "Graph", Network],
];

/**
 * One trace: header, observation tree (or timeline, or agent graph) and the selected node's detail.
 * The trace page, the list's preview panel and the shared read-only page all render this; they differ
 * only in the toolbar above it and where the selection lives (see use-peek.ts).
 */
export function TraceView({
  source,
  selectedObservationId,
  onSelectObservation,
  toolbar,
  actions,
  headingLevel = 1,
  treeKeys = false,
}: {
  source: TraceSource;
  /** null: the trace itself. An id the trace does not have falls back to the trace. */
  selectedObservationId: string | null;
  onSelectObservation: (observationId: string | null) => void;
  /** The row above the title (back link, or the preview's close/open buttons); also shown while loading. */
  toolbar: ReactNode;
  /** Controls that need the loaded trace (sharing), at the end of the toolbar row. */
  actions?: (trace: TTraceDetailResponse) => ReactNode;
  /** h1 on its own page, h2 inside another page (the preview panel). */
  headingLevel?: 1 | 2;
  /** `j`/`k` walk the tree (the trace page; in a preview they move the list instead). */
  treeKeys?: boolean;
}) {
  const trace = useTrace(source);
  // Here, not in the body: the chosen view stays while a preview moves to the next trace.
  const [mode, setMode] = useState<Mode>("tree");

  if (trace.isError) {
    return (
      <DetailError
        back={toolbar}
        what="Trace"
        error={trace.error}
        missingHint={
          source.shared
            ? "This link is not shared, or the trace no longer exists."
            : "It may still be processing (traces appear within seconds), or it belongs to another project."
        }
        onRetry={() => trace.refetch()}
      />
    );
  }
  if (!trace.data) return <DetailLoading back={toolbar} />;
  const t = trace.data;
  return (
    <div className="flex h-full flex-col">
      <TraceHeader trace={t} source={source} headingLevel={headingLevel} toolbar={toolbar} actions={actions?.(t)} />
      <TraceBody
        trace={t}
        source={source}
        selectedObservationId={selectedObservationId}
        onSelectObservation={onSelectObservation}
        treeKeys={treeKeys}
        mode={mode}
        setMode={setMode}
      />
    </div>
  );
}

function TraceBody({
  trace: t,
  source,
  selectedObservationId,
  onSelectObservation,
  treeKeys,
  mode: picked,
  setMode,
}: {
  trace: TTraceDetailResponse;
  source: TraceSource;
  selectedObservationId: string | null;
  onSelectObservation: (observationId: string | null) => void;
  treeKeys: boolean;
  mode: Mode;
  setMode: Dispatch<SetStateAction<Mode>>;
}) {
  const canAnnotate = useCan("annotate") && !source.shared;
  const graphable = hasAgentSteps(t.observations);
  const mode = picked === "graph" && !graphable ? "tree" : picked;
  const find = useTraceFind(source, t.name ?? "Trace", t.observations);
  useShortcuts("Trace", [
    { keys: ["t"], description: "Switch between tree and timeline", run: () => setMode((m) => (m === "timeline" ? "tree" : "timeline")) },
    ...(graphable
      ? [{ keys: ["g"], description: "Switch to the agent graph and back", run: () => setMode((m) => (m === "graph" ? "tree" : "graph")) }]
      : []),
  ]);
  const selected = t.observations.find((o) => o.id === selectedObservationId);
  const select = (id: string) => onSelectObservation(id === TRACE_ROOT ? null : id);

  const tree = (
    <>
      <div className="flex h-9 shrink-0 items-center gap-2 border-b px-3">
        <div className="flex shrink-0 rounded-md border text-xs" role="group" aria-label="Observation view">
          {MODES.filter(([m]) => m !== "graph" || graphable).map(([m, label, Icon]) => (
            <button
              key={m}
              type="button"
              aria-pressed={mode === m}
              onClick={() => setMode(m)}
              className={cn(
                "inline-flex items-center gap-1 px-2 py-1",
                mode === m ? "bg-muted font-medium" : "text-muted-foreground hover:bg-muted/70",
              )}
            >
              <Icon className="h-3.5 w-3.5" aria-hidden /> {label}
            </button>
          ))}
        </div>
        <TraceSearchBar find={find} onGo={select} />
        <span className="shrink-0 text-xs text-muted-foreground tabular @max-[440px]:hidden">
          {t.observations.length.toLocaleString()} observations
        </span>
      </div>
      <div className="min-h-0 flex-1 py-1">
        {mode === "graph" ? (
          <AgentGraph observations={t.observations} selectedId={selected?.id ?? null} onSelect={select} />
        ) : (
          <ObservationTree
            traceName={t.name ?? "Trace"}
            traceLatencyMs={t.latencyMs}
            traceCost={t.totalCost}
            observations={t.observations}
            selectedId={selected?.id ?? TRACE_ROOT}
            onSelect={select}
            timeline={mode === "timeline"}
            keys={treeKeys}
            matches={find.matchSet}
          />
        )}
      </div>
    </>
  );
  const detail = (
    <div className="@container min-h-0 min-w-0 flex-1 overflow-y-auto p-5 @max-[480px]:p-3" data-testid="trace-detail-pane">
      {selected ? (
        <div className="space-y-4">
          <ObservationDetail key={selected.id} source={source} observation={selected} scores={t.scores} readOnly={!canAnnotate} />
          {source.shared ? null : <CommentsPanel projectId={source.projectId} objectType="OBSERVATION" objectId={selected.id} />}
        </div>
      ) : (
        <div className="space-y-4">
          <ScoresPanel projectId={source.projectId} traceId={t.id} observationId={null} scores={t.scores} readOnly={!canAnnotate} />
          {source.shared ? null : <CommentsPanel projectId={source.projectId} objectType="TRACE" objectId={t.id} />}
          <PayloadView label="Input" value={t.input} />
          <PayloadView label="Output" value={t.output} />
          <PayloadView label="Metadata" value={t.metadata} />
        </div>
      )}
    </div>
  );
  return <TraceSplit tree={tree} detail={detail} stackedTreePx={TREE_CHROME_PX + (t.observations.length + 1) * TREE_ROW_PX} />;
}

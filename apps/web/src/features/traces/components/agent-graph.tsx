"use client";

import dagre from "@dagrejs/dagre";
import type { TObservationSummary } from "@loupe/contracts";
import { type AgentGraphNode, buildAgentGraph, GRAPH_START } from "@loupe/domain";
import { Background, Controls, type Edge, Handle, MarkerType, type Node, type NodeProps, Position, ReactFlow } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useTheme } from "next-themes";
import { useMemo } from "react";
import { cn } from "@/lib/shared/cn";
import { ObservationIcon } from "./observation-icon";

// The agent graph (Langfuse's graph view): steps as nodes, caller → callee edges with call counts,
// laid out top-down by dagre and drawn by React Flow. Loaded on demand (next/dynamic): the tree and
// timeline never pay for it.

const NODE_W = 200;
const NODE_H = 40;

type StepData = { step: AgentGraphNode | null; selected: boolean };
type StepNode = Node<StepData, "step">;

function StepNodeView({ data }: NodeProps<StepNode>) {
  const { step, selected } = data;
  return (
    <div
      data-testid="graph-node"
      data-selected={selected ? "true" : undefined}
      className={cn(
        "flex h-10 w-[200px] cursor-pointer items-center gap-1.5 rounded-md border bg-background px-2 text-xs shadow-sm",
        selected ? "border-accent ring-2 ring-accent/40" : "hover:border-foreground/40",
        step?.hasError && "border-danger",
      )}
      title={step ? `${step.name} · ${step.type} · ${step.observationIds.length} call(s)` : "Trace start"}
    >
      <Handle type="target" position={Position.Top} className="!h-1.5 !w-1.5 !border-0 !bg-muted-foreground" />
      {step ? (
        <>
          <ObservationIcon type={step.type} />
          <span className={cn("min-w-0 flex-1 truncate font-medium", step.hasError && "text-danger")}>{step.name}</span>
          {step.observationIds.length > 1 ? (
            <span className="shrink-0 rounded bg-muted px-1 font-mono text-[10px] text-muted-foreground">
              ×{step.observationIds.length}
            </span>
          ) : null}
        </>
      ) : (
        <span className="w-full text-center font-mono text-[11px] text-muted-foreground uppercase">start</span>
      )}
      <Handle type="source" position={Position.Bottom} className="!h-1.5 !w-1.5 !border-0 !bg-muted-foreground" />
    </div>
  );
}

const NODE_TYPES = { step: StepNodeView };

function layout(graph: NonNullable<ReturnType<typeof buildAgentGraph>>) {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "TB", nodesep: 28, ranksep: 48 });
  g.setDefaultEdgeLabel(() => ({}));
  g.setNode(GRAPH_START, { width: NODE_W, height: NODE_H });
  for (const n of graph.nodes) g.setNode(n.key, { width: NODE_W, height: NODE_H });
  for (const e of graph.edges) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const at = (key: string) => {
    const p = g.node(key);
    return { x: p.x - NODE_W / 2, y: p.y - NODE_H / 2 };
  };
  return at;
}

export function AgentGraph({
  observations,
  selectedId,
  onSelect,
}: {
  observations: TObservationSummary[];
  selectedId: string | null;
  onSelect: (observationId: string) => void;
}) {
  const { resolvedTheme } = useTheme();
  const graph = useMemo(() => buildAgentGraph(observations), [observations]);
  const placed = useMemo(() => {
    if (!graph) return null;
    const at = layout(graph);
    const edges: Edge[] = graph.edges.map((e) => ({
      id: `${e.from}->${e.to}`,
      source: e.from,
      target: e.to,
      label: e.calls > 1 ? `×${e.calls}` : undefined,
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      style: { strokeWidth: 1.25 },
    }));
    return { at, edges };
  }, [graph]);
  const nodes = useMemo((): StepNode[] => {
    if (!graph || !placed) return [];
    return [
      { id: GRAPH_START, type: "step", position: placed.at(GRAPH_START), data: { step: null, selected: false }, selectable: false },
      ...graph.nodes.map((n) => ({
        id: n.key,
        type: "step" as const,
        position: placed.at(n.key),
        data: { step: n, selected: selectedId !== null && n.observationIds.includes(selectedId) },
      })),
    ];
  }, [graph, placed, selectedId]);
  if (!graph || !placed) return <p className="p-4 text-xs text-muted-foreground">This trace has no agent, tool or chain steps.</p>;

  return (
    <div className="h-full min-h-[240px] w-full" data-testid="agent-graph">
      <ReactFlow
        nodes={nodes}
        edges={placed.edges}
        nodeTypes={NODE_TYPES}
        colorMode={resolvedTheme === "dark" ? "dark" : "light"}
        nodesDraggable={false}
        nodesConnectable={false}
        fitView
        // Never fitted below readable text: a wide graph overflows the pane (pan or zoom out) instead.
        fitViewOptions={{ padding: 0.15, minZoom: 0.75, maxZoom: 1.2 }}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
        onNodeClick={(_, node) => {
          const step = (node as StepNode).data.step;
          if (!step) return;
          // Clicking the step of the selected observation walks to its next call.
          const at = selectedId ? step.observationIds.indexOf(selectedId) : -1;
          onSelect(step.observationIds[(at + 1) % step.observationIds.length] as string);
        }}
      >
        <Background gap={16} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

import type { ObservationType } from "@loupe/contracts";

// The agent graph of a trace (as Langfuse draws it): one node per step of the agent (an AGENT, TOOL,
// CHAIN, GENERATION… observation name), one edge per caller → callee pair with how often it called.
// Plain spans and events are structure, not steps: a step's caller is its nearest step ancestor, or
// the trace's start. Pure, so the layout library only places what this returns.

/** Types that make a trace worth a graph: without one of them the tree says everything. */
const AGENTIC: ReadonlySet<ObservationType> = new Set(["AGENT", "TOOL", "CHAIN"]);
/** Types that are not steps of their own. */
const STRUCTURE: ReadonlySet<ObservationType> = new Set(["SPAN", "EVENT"]);

export const GRAPH_START = "__start__";

type GraphInput = {
  id: string;
  parentObservationId: string | null;
  type: ObservationType;
  name: string | null;
  startTime: string;
  level: string;
};

export type AgentGraphNode = {
  /** `type:name`: every call of the same step is one node. */
  key: string;
  type: ObservationType;
  name: string;
  /** The observations of this step in start order (a click walks through them). */
  observationIds: string[];
  hasError: boolean;
};

export type AgentGraphEdge = { from: string; to: string; calls: number };

export type AgentGraph = { nodes: AgentGraphNode[]; edges: AgentGraphEdge[] };

export const hasAgentSteps = (observations: readonly { type: ObservationType }[]) => observations.some((o) => AGENTIC.has(o.type));

const nodeKey = (o: GraphInput) => `${o.type}:${o.name ?? o.type.toLowerCase()}`;

/** The graph of `observations`, or null when the trace has no AGENT/TOOL/CHAIN observation. */
export function buildAgentGraph(observations: readonly GraphInput[]): AgentGraph | null {
  if (!hasAgentSteps(observations)) return null;
  const byId = new Map(observations.map((o) => [o.id, o]));
  const sorted = [...observations].sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime));
  const nodes = new Map<string, AgentGraphNode>();
  const edges = new Map<string, AgentGraphEdge>();

  /** The nearest step above `o` (cycles and missing parents end at the start). */
  const callerOf = (o: GraphInput): string => {
    const seen = new Set<string>([o.id]);
    let cur = o.parentObservationId ? byId.get(o.parentObservationId) : undefined;
    while (cur && !seen.has(cur.id)) {
      if (!STRUCTURE.has(cur.type)) return nodeKey(cur);
      seen.add(cur.id);
      cur = cur.parentObservationId ? byId.get(cur.parentObservationId) : undefined;
    }
    return GRAPH_START;
  };

  for (const o of sorted) {
    if (STRUCTURE.has(o.type)) continue;
    const key = nodeKey(o);
    const node = nodes.get(key) ?? { key, type: o.type, name: o.name ?? o.type.toLowerCase(), observationIds: [], hasError: false };
    node.observationIds.push(o.id);
    node.hasError ||= o.level === "ERROR";
    nodes.set(key, node);
    const from = callerOf(o);
    const edgeKey = `${from}\u0000${key}`;
    const edge = edges.get(edgeKey) ?? { from, to: key, calls: 0 };
    edge.calls += 1;
    edges.set(edgeKey, edge);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

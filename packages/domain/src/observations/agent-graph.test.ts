import { describe, expect, it } from "vitest";
import { buildAgentGraph, GRAPH_START } from "./agent-graph.ts";

type T = Parameters<typeof buildAgentGraph>[0][number];
let clock = 0;
const o = (id: string, type: T["type"], name: string | null, parent: string | null, level = "DEFAULT"): T => ({
  id,
  type,
  name,
  parentObservationId: parent,
  startTime: new Date(Date.UTC(2026, 0, 1) + clock++ * 1000).toISOString(),
  level,
});

describe("buildAgentGraph", () => {
  it("is null without AGENT/TOOL/CHAIN observations", () => {
    expect(buildAgentGraph([o("s", "SPAN", "root", null), o("g", "GENERATION", "llm", "s")])).toBeNull();
  });

  it("one node per step, calls counted per caller → callee, spans skipped to the nearest step", () => {
    const graph = buildAgentGraph([
      o("root", "SPAN", "request", null),
      o("agent", "AGENT", "planner", "root"),
      o("g1", "GENERATION", "llm", "agent"),
      o("wrap", "SPAN", "wrapper", "agent"),
      o("t1", "TOOL", "search", "wrap"),
      o("g2", "GENERATION", "llm", "agent"),
      o("t2", "TOOL", "search", "agent", "ERROR"),
      o("e", "EVENT", "log", "agent"),
    ]);
    expect(graph?.nodes.map((n) => [n.key, n.observationIds, n.hasError])).toEqual([
      ["AGENT:planner", ["agent"], false],
      ["GENERATION:llm", ["g1", "g2"], false],
      ["TOOL:search", ["t1", "t2"], true],
    ]);
    expect(graph?.edges).toEqual([
      { from: GRAPH_START, to: "AGENT:planner", calls: 1 },
      { from: "AGENT:planner", to: "GENERATION:llm", calls: 2 },
      { from: "AGENT:planner", to: "TOOL:search", calls: 2 },
    ]);
  });

  it("survives parent cycles and missing parents (their caller is the start)", () => {
    const graph = buildAgentGraph([
      o("a", "SPAN", "a", "b"),
      o("b", "SPAN", "b", "a"),
      o("t", "TOOL", "x", "a"),
      o("u", "TOOL", "y", "gone"),
    ]);
    expect(graph?.edges.map((e) => [e.from, e.to])).toEqual([
      [GRAPH_START, "TOOL:x"],
      [GRAPH_START, "TOOL:y"],
    ]);
  });
});

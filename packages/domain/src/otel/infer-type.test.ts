import type { ObservationType, TOtlpAttributes } from "@loupe/contracts";
import { describe, expect, it } from "vitest";
import { inferObservationType } from "./infer-type.ts";

const infer = (attributes: TOtlpAttributes, extra: { scopeName?: string; spanName?: string; resourceAttributes?: TOtlpAttributes } = {}) =>
  inferObservationType({
    attributes,
    resourceAttributes: extra.resourceAttributes ?? {},
    scopeName: extra.scopeName ?? "lib",
    spanName: extra.spanName ?? "s",
  });

describe("inferObservationType (langfuse-api.md §4.5)", () => {
  const cases: [string, TOtlpAttributes, ObservationType][] = [
    ["langfuse.observation.type wins over everything", { "langfuse.observation.type": "tool", "gen_ai.operation.name": "chat" }, "TOOL"],
    ["langfuse.observation.type generation", { "langfuse.observation.type": "generation" }, "GENERATION"],
    ["langfuse.observation.type event", { "langfuse.observation.type": "event" }, "EVENT"],
    ["unknown langfuse type falls through", { "langfuse.observation.type": "banana", "gen_ai.request.model": "m" }, "GENERATION"],
    ["OpenInference LLM", { "openinference.span.kind": "LLM" }, "GENERATION"],
    ["OpenInference RETRIEVER", { "openinference.span.kind": "RETRIEVER" }, "RETRIEVER"],
    ["OpenInference before GenAI", { "openinference.span.kind": "CHAIN", "gen_ai.operation.name": "chat" }, "CHAIN"],
    ["GenAI chat", { "gen_ai.operation.name": "chat" }, "GENERATION"],
    ["GenAI embeddings", { "gen_ai.operation.name": "embeddings" }, "EMBEDDING"],
    ["GenAI invoke_agent", { "gen_ai.operation.name": "invoke_agent" }, "AGENT"],
    ["GenAI execute_tool", { "gen_ai.operation.name": "execute_tool" }, "TOOL"],
    ["Traceloop agent", { "traceloop.span.kind": "agent" }, "AGENT"],
    ["Traceloop tool", { "traceloop.span.kind": "tool" }, "TOOL"],
    ["Traceloop workflow stays a span", { "traceloop.span.kind": "workflow" }, "SPAN"],
    ["Genkit model", { "genkit:metadata:subtype": "model" }, "GENERATION"],
    ["Vercel doGenerate with a model", { "ai.operationId": "ai.generateText.doGenerate", "ai.model.id": "gpt-4o" }, "GENERATION"],
    ["Vercel embed with a model", { "ai.operationId": "ai.embed.doEmbed", "ai.model.id": "text-embedding-3-small" }, "EMBEDDING"],
    ["Vercel toolCall", { "ai.operationId": "ai.toolCall" }, "TOOL"],
    ["gen_ai.tool.name", { "gen_ai.tool.name": "search" }, "TOOL"],
    ["gen_ai.tool.call.id", { "gen_ai.tool.call.id": "call_1" }, "TOOL"],
    ["model presence", { "llm.model_name": "claude" }, "GENERATION"],
    ["plain span", { "http.method": "GET" }, "SPAN"],
  ];
  it.each(cases)("%s", (_label, attributes, expected) => {
    expect(infer(attributes)).toBe(expected);
  });

  it("treats old Python SDK 'span' observations with generation attributes as generations", () => {
    const attributes = { "langfuse.observation.type": "span", "langfuse.observation.usage_details": '{"input":1}' };
    const resourceAttributes = { "telemetry.sdk.language": "python" };
    expect(infer(attributes, { scopeName: "langfuse-sdk", resourceAttributes })).toBe("GENERATION");
    expect(infer(attributes, { scopeName: "langfuse-sdk" })).toBe("SPAN");
  });

  it("recognises LiveKit agent and tool spans by name", () => {
    expect(infer({}, { scopeName: "livekit-agents", spanName: "agent_turn" })).toBe("AGENT");
    expect(infer({}, { scopeName: "livekit-agents", spanName: "function_tool" })).toBe("TOOL");
  });
});

import type { TOtlpSpanEvent } from "@loupe/contracts";
import { type AttributeReader, isObject, parseJsonStructure, parseJsonValue, unflatten } from "./attributes.ts";

// Input/output of a span (shared/langfuse-api.md §4.6). Each source reads one instrumentation's
// vocabulary; the first source that yields an input or an output wins. Every source runs, so all I/O
// keys are consumed and large prompts are not copied a second time into metadata.attributes.

export type InputOutput = { input?: unknown; output?: unknown };
type Source = (r: AttributeReader, events: TOtlpSpanEvent[], scopeName: string) => InputOutput;

const GENAI_MESSAGE_EVENTS: Record<string, string> = {
  "gen_ai.system.message": "system",
  "gen_ai.user.message": "user",
  "gen_ai.assistant.message": "assistant",
  "gen_ai.tool.message": "tool",
};

const eventAttributes = (e: TOtlpSpanEvent) =>
  Object.fromEntries(Object.entries(e.attributes).map(([k, v]) => [k.replace(/^gen_ai\./, ""), parseJsonStructure(v)]));

const SOURCES: Source[] = [
  // Langfuse SDKs (JS v4/v5, Python v3): raw strings, or JSON strings for anything else.
  (r) => ({ input: parseJsonValue(r.take("langfuse.observation.input")), output: parseJsonValue(r.take("langfuse.observation.output")) }),
  // Vercel AI SDK.
  (r, _e, scope) => {
    if (scope !== "ai") return {};
    const input = r.first("ai.prompt.messages", "ai.prompt", "ai.toolCall.args");
    const output = r.first(
      "ai.response.text",
      "ai.result.text",
      "ai.toolCall.result",
      "ai.response.object",
      "ai.result.object",
      "ai.response.toolCalls",
      "ai.result.toolCalls",
    );
    return { input: parseJsonStructure(input), output: parseJsonStructure(output) };
  },
  // GenAI semantic conventions ≥ 1.37: one event carrying both message lists.
  (_r, events) => {
    const details = events.find((e) => e.name === "gen_ai.client.inference.operation.details");
    if (!details) return {};
    return {
      input: parseJsonStructure(details.attributes["gen_ai.input.messages"] ?? undefined),
      output: parseJsonStructure(details.attributes["gen_ai.output.messages"] ?? undefined),
    };
  },
  // Older GenAI conventions: one event per message, `gen_ai.choice` events for the completion.
  (_r, events) => {
    const input = events
      .filter((e) => e.name in GENAI_MESSAGE_EVENTS)
      .map((e) => ({ role: GENAI_MESSAGE_EVENTS[e.name], ...eventAttributes(e) }));
    const choices = events.filter((e) => e.name === "gen_ai.choice").map(eventAttributes);
    return { input: input.length > 0 ? input : undefined, output: choices.length > 1 ? choices : choices[0] };
  },
  // MLflow, Traceloop/OpenLLMetry entities, OpenInference (also SmolAgents).
  (r) => ({
    input: parseJsonStructure(r.first("mlflow.spanInputs", "traceloop.entity.input", "input.value")),
    output: parseJsonStructure(r.first("mlflow.spanOutputs", "traceloop.entity.output", "output.value")),
  }),
  // Traceloop/OpenLLMetry flattened messages: gen_ai.prompt.0.role, gen_ai.prompt.0.content …
  (r) => indexed(r, "gen_ai.prompt.", "gen_ai.completion."),
  // OpenInference flattened messages: llm.input_messages.0.message.role …
  (r) => indexed(r, "llm.input_messages.", "llm.output_messages."),
  // OTel GenAI semantic conventions: message lists as JSON, system instructions separate.
  (r) => {
    const system = parseJsonStructure(r.take("gen_ai.system_instructions"));
    let input = parseJsonStructure(r.take("gen_ai.input.messages"));
    if (system !== undefined && Array.isArray(input) && !input.some((m) => isObject(m) && m.role === "system")) {
      input = [{ role: "system", content: system }, ...input];
    }
    return {
      input: input ?? parseJsonStructure(r.take("gen_ai.tool.call.arguments")),
      output: parseJsonStructure(r.take("gen_ai.output.messages")) ?? parseJsonStructure(r.take("gen_ai.tool.call.result")),
    };
  },
];

function indexed(r: AttributeReader, inputPrefix: string, outputPrefix: string): InputOutput {
  const rebuild = (prefix: string) => {
    const entries = r.takePrefix(prefix);
    if (Object.keys(entries).length === 0) return undefined;
    const value = unflatten(entries);
    // OpenInference nests each message under `message`: unwrap it.
    return Array.isArray(value) ? value.map((m) => (isObject(m) && isObject(m.message) ? m.message : m)) : value;
  };
  return { input: rebuild(inputPrefix), output: rebuild(outputPrefix) };
}

export function extractInputOutput(r: AttributeReader, events: TOtlpSpanEvent[], scopeName: string): InputOutput {
  let found: InputOutput = {};
  for (const source of SOURCES) {
    const io = source(r, events, scopeName);
    if (found.input === undefined && found.output === undefined && (io.input !== undefined || io.output !== undefined)) found = io;
  }
  return found;
}

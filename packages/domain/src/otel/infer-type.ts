import { OBSERVATION_TYPES, type ObservationType, type TOtlpAttributes } from "@loupe/contracts";

// Observation type of a span (shared/langfuse-api.md §4.5): the first rule that yields a type wins.
// Rules read attributes without consuming them: the values also feed model/usage or stay metadata.

const OPENINFERENCE_KINDS: Record<string, ObservationType> = {
  LLM: "GENERATION",
  CHAIN: "CHAIN",
  RETRIEVER: "RETRIEVER",
  EMBEDDING: "EMBEDDING",
  AGENT: "AGENT",
  TOOL: "TOOL",
  GUARDRAIL: "GUARDRAIL",
  EVALUATOR: "EVALUATOR",
};

const GENAI_OPERATIONS: Record<string, ObservationType> = {
  chat: "GENERATION",
  completion: "GENERATION",
  text_completion: "GENERATION",
  generate_content: "GENERATION",
  generate: "GENERATION",
  embeddings: "EMBEDDING",
  invoke_agent: "AGENT",
  create_agent: "AGENT",
  execute_tool: "TOOL",
};

// Traceloop/OpenLLMetry: `workflow` and `task` spans stay plain spans (their LLM calls carry gen_ai.*).
const TRACELOOP_KINDS: Record<string, ObservationType> = { agent: "AGENT", tool: "TOOL" };

const GENKIT_SUBTYPES: Record<string, ObservationType> = {
  model: "GENERATION",
  "background-model": "GENERATION",
  embedder: "EMBEDDING",
  tool: "TOOL",
  "tool.v2": "TOOL",
  retriever: "RETRIEVER",
  evaluator: "EVALUATOR",
};

const VERCEL_GENERATION_OPS = [
  "ai.generateText.doGenerate",
  "ai.streamText.doStream",
  "ai.generateObject.doGenerate",
  "ai.streamObject.doStream",
];
const VERCEL_EMBEDDING_OPS = ["ai.embed.doEmbed", "ai.embedMany.doEmbed"];

export const MODEL_ATTRIBUTES = [
  "langfuse.observation.model.name",
  "gen_ai.response.model",
  "ai.model.id",
  "gen_ai.request.model",
  "llm.response.model",
  "llm.model_name",
  "model",
] as const;

// Attributes only a generation carries; the Python SDK ≤ 3.3 marked such spans "span".
const GENERATION_ONLY_ATTRIBUTES = [
  "langfuse.observation.model.name",
  "langfuse.observation.usage_details",
  "langfuse.observation.cost_details",
  "langfuse.observation.completion_start_time",
  "langfuse.observation.model.parameters",
  "langfuse.observation.prompt.name",
];

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

export function inferObservationType(input: {
  attributes: TOtlpAttributes;
  resourceAttributes: TOtlpAttributes;
  scopeName: string;
  spanName: string;
}): ObservationType {
  const a = input.attributes;
  const has = (key: string) => a[key] !== undefined && a[key] !== null && a[key] !== "";
  const hasModel = MODEL_ATTRIBUTES.some(has);

  const declared = str(a["langfuse.observation.type"])?.toUpperCase();
  if (declared && (OBSERVATION_TYPES as readonly string[]).includes(declared)) {
    const oldPythonSdk =
      declared === "SPAN" &&
      input.scopeName === "langfuse-sdk" &&
      input.resourceAttributes["telemetry.sdk.language"] === "python" &&
      GENERATION_ONLY_ATTRIBUTES.some(has);
    return oldPythonSdk ? "GENERATION" : (declared as ObservationType);
  }

  const openinference = OPENINFERENCE_KINDS[str(a["openinference.span.kind"])?.toUpperCase() ?? ""];
  if (openinference) return openinference;

  const operation = GENAI_OPERATIONS[str(a["gen_ai.operation.name"])?.toLowerCase() ?? ""];
  if (operation) return operation;

  const traceloop = TRACELOOP_KINDS[str(a["traceloop.span.kind"])?.toLowerCase() ?? ""];
  if (traceloop) return traceloop;

  const genkit = GENKIT_SUBTYPES[str(a["genkit:metadata:subtype"]) ?? ""];
  if (genkit) return genkit;

  const vercelOp = str(a["ai.operationId"]) ?? str(a["operation.name"]);
  if (vercelOp && hasModel) {
    if (VERCEL_GENERATION_OPS.some((op) => vercelOp.startsWith(op))) return "GENERATION";
    if (VERCEL_EMBEDDING_OPS.some((op) => vercelOp.startsWith(op))) return "EMBEDDING";
  }
  if (vercelOp?.startsWith("ai.toolCall")) return "TOOL";

  if (has("gen_ai.tool.name") || has("gen_ai.tool.call.id")) return "TOOL";

  if (input.scopeName === "livekit-agents") {
    if (input.spanName === "agent_turn" || input.spanName === "start_agent_activity") return "AGENT";
    if (input.spanName === "function_tool") return "TOOL";
  }

  return hasModel ? "GENERATION" : "SPAN";
}

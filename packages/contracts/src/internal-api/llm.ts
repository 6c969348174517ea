import { z } from "zod";
import { ZLlmConnection } from "../public-api/llm-connections.ts";

// One call to a chat model, provider-neutral: what the playground sends and evaluations will build.

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const NAME_RULE = "1-64 letters, digits, _ or -";

export const ZLlmToolCall = z.object({ id: z.string().max(200), name: z.string().max(64), arguments: z.string().max(100_000) });
export type TLlmToolCall = z.infer<typeof ZLlmToolCall>;

export const ZLlmMessage = z.discriminatedUnion("role", [
  z.object({ role: z.literal("system"), content: z.string().max(200_000) }),
  z.object({ role: z.literal("user"), content: z.string().max(200_000) }),
  z.object({ role: z.literal("assistant"), content: z.string().max(200_000), toolCalls: z.array(ZLlmToolCall).max(32).optional() }),
  z.object({ role: z.literal("tool"), content: z.string().max(200_000), toolCallId: z.string().min(1).max(200) }),
]);
export type TLlmMessage = z.infer<typeof ZLlmMessage>;
export type LlmRole = TLlmMessage["role"];

const ZJsonSchemaObject = z.record(z.string(), z.unknown()).refine((s) => JSON.stringify(s).length <= 50_000, "schema is over 50 KB");

export const ZLlmTool = z.object({
  name: z.string().regex(NAME, `tool names are ${NAME_RULE}`),
  description: z.string().max(2000).optional(),
  parameters: ZJsonSchemaObject.default({ type: "object", properties: {} }),
});
export type TLlmTool = z.infer<typeof ZLlmTool>;

export const ZLlmParams = z.object({
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().min(1).max(200_000).optional(),
  topP: z.number().min(0).max(1).optional(),
  stop: z.array(z.string().min(1).max(100)).max(4).optional(),
});
export type TLlmParams = z.infer<typeof ZLlmParams>;

export const ZStructuredOutput = z.object({
  name: z.string().regex(NAME, `schema names are ${NAME_RULE}`),
  schema: ZJsonSchemaObject,
  strict: z.boolean().optional(),
});
export type TStructuredOutput = z.infer<typeof ZStructuredOutput>;

export const ZLlmCall = z.object({
  model: z.string().trim().min(1, "pick a model").max(200),
  messages: z.array(ZLlmMessage).min(1, "add at least one message").max(500),
  params: ZLlmParams.default({}),
  tools: z.array(ZLlmTool).max(64).optional(),
  toolChoice: z.union([z.enum(["auto", "none", "required"]), z.object({ name: z.string().regex(NAME) })]).optional(),
  structuredOutput: ZStructuredOutput.optional(),
});
export type TLlmCall = z.infer<typeof ZLlmCall>;

export const ZLlmUsage = z.object({ input: z.number().int(), output: z.number().int(), total: z.number().int() });
export type TLlmUsage = z.infer<typeof ZLlmUsage>;

export const ZLlmResult = z.object({
  text: z.string(),
  toolCalls: z.array(ZLlmToolCall),
  usage: ZLlmUsage,
  finishReason: z.string().nullable(),
  /** The model the provider says answered (may be more specific than the one asked for). */
  model: z.string(),
});
export type TLlmResult = z.infer<typeof ZLlmResult>;

/** Why a call failed, for a message a person can act on (and for evaluations: retry or stop). */
export const LLM_ERROR_KINDS = [
  "auth",
  "unknown_model",
  "rate_limited",
  "provider_error",
  "timeout",
  "bad_request",
  "bad_response",
  "network",
  "blocked_url",
] as const;
export type LlmErrorKind = (typeof LLM_ERROR_KINDS)[number];
export const ZLlmError = z.object({
  kind: z.enum(LLM_ERROR_KINDS),
  message: z.string(),
  status: z.number().int().optional(),
  retryAfterSeconds: z.number().optional(),
});
export type TLlmError = z.infer<typeof ZLlmError>;

// Playground: POST /api/internal/projects/:projectId/playground/run streams newline-delimited JSON events.
export const ZPlaygroundRunBody = z.object({ connectionId: z.string().min(1, "pick a connection"), call: ZLlmCall });
export type TPlaygroundRunBody = z.infer<typeof ZPlaygroundRunBody>;

export const ZPlaygroundEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), delta: z.string() }),
  z.object({ type: z.literal("tool-call"), call: ZLlmToolCall }),
  z.object({
    type: z.literal("done"),
    result: ZLlmResult,
    /** USD from the project's and the built-in price table; null when the model has no price. */
    cost: z.number().nullable(),
    latencyMs: z.number(),
    timeToFirstTokenMs: z.number().nullable(),
  }),
  z.object({ type: z.literal("error"), error: ZLlmError }),
]);
export type TPlaygroundEvent = z.infer<typeof ZPlaygroundEvent>;

/** A connection as the playground lists it: the public shape plus the models it offers. */
export const ZPlaygroundConnection = ZLlmConnection.extend({ models: z.array(z.string()) });
export type TPlaygroundConnection = z.infer<typeof ZPlaygroundConnection>;

import type { TLlmCall, TLlmMessage, TLlmResult, TLlmToolCall } from "@loupe/contracts";
import { z } from "zod";
import {
  type LlmDelta,
  type LlmProtocol,
  LlmProtocolError,
  parseJsonData,
  providerErrorMessage,
  type StreamAccumulator,
  toolArguments,
  trimSlash,
} from "./protocol.ts";

// Anthropic Messages API. Structured output is a forced tool whose input is the answer (the JSON is
// returned, and streamed, as text), the way Anthropic documents JSON output.

export const ANTHROPIC_VERSION = "2023-06-01";
/** Anthropic requires max_tokens; this is used when the call sets none. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

type Content = Record<string, unknown>;

function messagesOf(messages: TLlmMessage[]): {
  system: string | undefined;
  messages: { role: "user" | "assistant"; content: Content[] }[];
} {
  const system = messages
    .filter((m) => m.role === "system")
    .map((m) => m.content)
    .join("\n\n");
  const out: { role: "user" | "assistant"; content: Content[] }[] = [];
  const push = (role: "user" | "assistant", blocks: Content[]) => {
    const last = out[out.length - 1];
    // Consecutive tool results (and a user turn after them) form one user turn.
    if (last && last.role === role && role === "user") last.content.push(...blocks);
    else out.push({ role, content: blocks });
  };
  for (const m of messages) {
    if (m.role === "system") continue;
    if (m.role === "tool") push("user", [{ type: "tool_result", tool_use_id: m.toolCallId, content: m.content }]);
    else if (m.role === "assistant") {
      push("assistant", [
        ...(m.content ? [{ type: "text", text: m.content }] : []),
        ...(m.toolCalls ?? []).map((c) => ({ type: "tool_use", id: c.id, name: c.name, input: toolArguments(c.arguments) })),
      ]);
    } else push("user", [{ type: "text", text: m.content }]);
  }
  return { system: system || undefined, messages: out };
}

export function anthropicBody(call: TLlmCall, stream: boolean): Record<string, unknown> {
  const p = call.params;
  const { system, messages } = messagesOf(call.messages);
  const so = call.structuredOutput;
  const tools = [
    ...(call.tools ?? []).map((t) => ({
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      input_schema: t.parameters,
    })),
    ...(so ? [{ name: so.name, description: "Answer with this structured output.", input_schema: so.schema }] : []),
  ];
  const choice = so
    ? { type: "tool", name: so.name }
    : call.toolChoice === undefined
      ? undefined
      : typeof call.toolChoice === "object"
        ? { type: "tool", name: call.toolChoice.name }
        : { type: call.toolChoice === "required" ? "any" : call.toolChoice };
  return {
    model: call.model,
    max_tokens: p.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
    ...(system ? { system } : {}),
    messages,
    ...(stream ? { stream: true } : {}),
    ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
    ...(p.topP !== undefined ? { top_p: p.topP } : {}),
    ...(p.stop?.length ? { stop_sequences: p.stop } : {}),
    ...(tools.length ? { tools } : {}),
    ...(choice && tools.length ? { tool_choice: choice } : {}),
  };
}

const ZUsage = z.object({ input_tokens: z.number().default(0), output_tokens: z.number().default(0) });
const ZMessage = z.object({
  model: z.string().optional(),
  content: z.array(
    z.object({
      type: z.string(),
      text: z.string().optional(),
      id: z.string().optional(),
      name: z.string().optional(),
      input: z.unknown().optional(),
    }),
  ),
  stop_reason: z.string().nullish(),
  usage: ZUsage.optional(),
});

const usageOf = (input: number, output: number) => ({ input, output, total: input + output });

function throwIfError(body: unknown): void {
  if (body && typeof body === "object" && (body as { type?: unknown }).type === "error") {
    const message = providerErrorMessage(body) ?? "unknown error";
    throw new LlmProtocolError(`The provider answered with an error: ${message}`, { message });
  }
}

function message(body: unknown, call: TLlmCall): TLlmResult {
  throwIfError(body);
  const parsed = ZMessage.safeParse(body);
  if (!parsed.success) throw new LlmProtocolError(`The provider's answer is not an Anthropic message: ${parsed.error.issues[0]?.message}`);
  const m = parsed.data;
  const so = call.structuredOutput?.name;
  let text = m.content.map((b) => (b.type === "text" ? (b.text ?? "") : "")).join("");
  const toolCalls: TLlmToolCall[] = [];
  for (const b of m.content) {
    if (b.type !== "tool_use") continue;
    if (so && b.name === so) text = JSON.stringify(b.input ?? {});
    else toolCalls.push({ id: b.id ?? "", name: b.name ?? "", arguments: JSON.stringify(b.input ?? {}) });
  }
  return {
    text,
    toolCalls,
    usage: usageOf(m.usage?.input_tokens ?? 0, m.usage?.output_tokens ?? 0),
    finishReason: m.stop_reason ?? null,
    model: m.model ?? call.model,
  };
}

const ZEvent = z.object({
  type: z.string(),
  index: z.number().optional(),
  message: z.object({ model: z.string().optional(), usage: ZUsage.partial().optional() }).optional(),
  content_block: z.object({ type: z.string(), id: z.string().optional(), name: z.string().optional() }).optional(),
  delta: z
    .object({
      type: z.string().optional(),
      text: z.string().optional(),
      partial_json: z.string().optional(),
      stop_reason: z.string().nullish(),
    })
    .optional(),
  usage: ZUsage.partial().optional(),
});

function accumulator(call: TLlmCall): StreamAccumulator {
  const so = call.structuredOutput?.name;
  let text = "";
  let model = call.model;
  let input = 0;
  let output = 0;
  let finishReason: string | null = null;
  let stopped = false;
  const blocks = new Map<number, { kind: "text" | "tool" | "answer"; id: string; name: string; json: string }>();
  const toolCalls: TLlmToolCall[] = [];
  return {
    push(_event, data) {
      const raw = parseJsonData(data, "a stream event");
      throwIfError(raw);
      const parsed = ZEvent.safeParse(raw);
      if (!parsed.success)
        throw new LlmProtocolError(`The provider sent a stream event that is not Anthropic's: ${parsed.error.issues[0]?.message}`);
      const e = parsed.data;
      const out: LlmDelta[] = [];
      if (e.type === "message_start") {
        model = e.message?.model ?? model;
        input = e.message?.usage?.input_tokens ?? input;
        output = e.message?.usage?.output_tokens ?? output;
      } else if (e.type === "content_block_start" && e.index !== undefined && e.content_block) {
        const b = e.content_block;
        const kind = b.type === "tool_use" ? (so && b.name === so ? "answer" : "tool") : "text";
        blocks.set(e.index, { kind, id: b.id ?? "", name: b.name ?? "", json: "" });
      } else if (e.type === "content_block_delta" && e.index !== undefined) {
        const block = blocks.get(e.index);
        const piece = e.delta?.text ?? e.delta?.partial_json ?? "";
        if (block?.kind === "tool") block.json += piece;
        else if (piece) {
          text += piece;
          out.push({ type: "text", delta: piece });
        }
      } else if (e.type === "content_block_stop" && e.index !== undefined) {
        const block = blocks.get(e.index);
        if (block?.kind === "tool") {
          const c = { id: block.id, name: block.name, arguments: block.json || "{}" };
          toolCalls.push(c);
          out.push({ type: "tool-call", call: c });
        }
      } else if (e.type === "message_delta") {
        finishReason = e.delta?.stop_reason ?? finishReason;
        output = e.usage?.output_tokens ?? output;
        input = e.usage?.input_tokens ?? input;
      } else if (e.type === "message_stop") stopped = true;
      return out;
    },
    result() {
      if (!stopped) throw new LlmProtocolError("The provider's stream ended before the answer was complete");
      return { text, toolCalls, usage: usageOf(input, output), finishReason, model };
    },
  };
}

export const anthropicProtocol: LlmProtocol = {
  defaultBaseURL: "https://api.anthropic.com/v1",
  buildRequest: (target, call, stream) => ({
    url: `${trimSlash(target.baseURL)}/messages`,
    headers: { "x-api-key": target.secretKey, "anthropic-version": ANTHROPIC_VERSION },
    body: anthropicBody(call, stream),
  }),
  parseResponse: message,
  streamAccumulator: accumulator,
};

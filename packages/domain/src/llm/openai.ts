import type { TLlmCall, TLlmResult, TLlmToolCall } from "@loupe/contracts";
import { z } from "zod";
import {
  type LlmDelta,
  type LlmProtocol,
  LlmProtocolError,
  type LlmTarget,
  parseJsonData,
  providerErrorMessage,
  type StreamAccumulator,
  trimSlash,
} from "./protocol.ts";

// OpenAI Chat Completions; Azure OpenAI and OpenAI-compatible servers speak the same body.

const ZUsage = z.object({ prompt_tokens: z.number().default(0), completion_tokens: z.number().default(0) }).nullish();
const ZToolCall = z.object({ id: z.string(), function: z.object({ name: z.string(), arguments: z.string().default("") }) });
const ZCompletion = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish(), tool_calls: z.array(ZToolCall).nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: ZUsage,
});
const ZChunk = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        delta: z
          .object({
            content: z.string().nullish(),
            tool_calls: z
              .array(
                z.object({
                  index: z.number(),
                  id: z.string().nullish(),
                  function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
                }),
              )
              .nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .default([]),
  usage: ZUsage,
});

function usageOf(usage: z.infer<typeof ZUsage>) {
  const input = usage?.prompt_tokens ?? 0;
  const output = usage?.completion_tokens ?? 0;
  return { input, output, total: input + output };
}

/** Reasoning models refuse `max_tokens`; they take `max_completion_tokens`. */
const REASONING_MODEL = /^(o\d|gpt-5)/;

export function openAiBody(call: TLlmCall, stream: boolean): Record<string, unknown> {
  const p = call.params;
  const maxTokensKey = REASONING_MODEL.test(call.model) ? "max_completion_tokens" : "max_tokens";
  return {
    model: call.model,
    messages: call.messages.map((m) => {
      if (m.role === "assistant" && m.toolCalls?.length) {
        return {
          role: "assistant",
          content: m.content || null,
          tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } })),
        };
      }
      if (m.role === "tool") return { role: "tool", tool_call_id: m.toolCallId, content: m.content };
      return { role: m.role, content: m.content };
    }),
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
    ...(p.maxTokens !== undefined ? { [maxTokensKey]: p.maxTokens } : {}),
    ...(p.topP !== undefined ? { top_p: p.topP } : {}),
    ...(p.stop?.length ? { stop: p.stop } : {}),
    ...(call.tools?.length
      ? {
          tools: call.tools.map((t) => ({
            type: "function",
            function: { name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.parameters },
          })),
        }
      : {}),
    ...(call.toolChoice
      ? {
          tool_choice:
            typeof call.toolChoice === "string" ? call.toolChoice : { type: "function", function: { name: call.toolChoice.name } },
        }
      : {}),
    ...(call.structuredOutput
      ? {
          response_format: {
            type: "json_schema",
            json_schema: {
              name: call.structuredOutput.name,
              schema: call.structuredOutput.schema,
              strict: call.structuredOutput.strict ?? false,
            },
          },
        }
      : {}),
  };
}

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const error = providerErrorMessage((body as { error?: unknown })?.error ? body : undefined);
  if (error) throw new LlmProtocolError(`The provider answered with an error: ${error}`, { message: error });
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new LlmProtocolError(`The provider's ${what} is not an OpenAI chat completion: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function completion(body: unknown, call: TLlmCall): TLlmResult {
  const c = parse(ZCompletion, body, "answer");
  const choice = c.choices[0] as (typeof c.choices)[number];
  return {
    text: choice.message.content ?? "",
    toolCalls: (choice.message.tool_calls ?? []).map((t) => ({ id: t.id, name: t.function.name, arguments: t.function.arguments })),
    usage: usageOf(c.usage),
    finishReason: choice.finish_reason ?? null,
    model: c.model ?? call.model,
  };
}

function accumulator(call: TLlmCall): StreamAccumulator {
  let text = "";
  let model = call.model;
  let finishReason: string | null = null;
  let usage = usageOf(undefined);
  let done = false;
  const calls: { id: string; name: string; arguments: string }[] = [];
  return {
    push(_event, data) {
      if (data.trim() === "[DONE]") {
        done = true;
        return [];
      }
      const chunk = parse(ZChunk, parseJsonData(data, "a stream event"), "stream event");
      if (chunk.model) model = chunk.model;
      if (chunk.usage) usage = usageOf(chunk.usage);
      const out: LlmDelta[] = [];
      for (const choice of chunk.choices) {
        const content = choice.delta?.content;
        if (content) {
          text += content;
          out.push({ type: "text", delta: content });
        }
        for (const t of choice.delta?.tool_calls ?? []) {
          let slot = calls[t.index];
          if (!slot) {
            slot = { id: "", name: "", arguments: "" };
            calls[t.index] = slot;
          }
          if (t.id) slot.id = t.id;
          if (t.function?.name) slot.name += t.function.name;
          if (t.function?.arguments) slot.arguments += t.function.arguments;
        }
        if (choice.finish_reason) {
          finishReason = choice.finish_reason;
          out.push(...calls.map((c): LlmDelta => ({ type: "tool-call", call: { ...c } })));
        }
      }
      return out;
    },
    result() {
      if (!done && finishReason === null) throw new LlmProtocolError("The provider's stream ended before the answer was complete");
      const toolCalls: TLlmToolCall[] = calls.filter(Boolean).map((c) => ({ ...c }));
      return { text, toolCalls, usage, finishReason, model };
    },
  };
}

const openAiHeaders = (secretKey: string) => ({ authorization: `Bearer ${secretKey}` });

export const openAiProtocol: LlmProtocol = {
  defaultBaseURL: "https://api.openai.com/v1",
  buildRequest: (target: LlmTarget, call, stream) => ({
    url: `${trimSlash(target.baseURL)}/chat/completions`,
    headers: openAiHeaders(target.secretKey),
    body: openAiBody(call, stream),
  }),
  parseResponse: completion,
  streamAccumulator: accumulator,
};

/** API version sent to Azure OpenAI (GA, supports json_schema and tools). */
export const AZURE_API_VERSION = "2024-10-21";

/** Azure: the base URL ends in `/openai/deployments`; the model is the deployment name. */
export const azureProtocol: LlmProtocol = {
  defaultBaseURL: null,
  buildRequest: (target, call, stream) => ({
    url: `${trimSlash(target.baseURL)}/${encodeURIComponent(call.model)}/chat/completions?api-version=${AZURE_API_VERSION}`,
    headers: { "api-key": target.secretKey },
    body: openAiBody(call, stream),
  }),
  parseResponse: completion,
  streamAccumulator: accumulator,
};

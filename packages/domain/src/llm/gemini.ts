import type { TLlmCall, TLlmResult, TLlmToolCall } from "@loupe/contracts";
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

// Google Gemini (AI Studio) generateContent / streamGenerateContent?alt=sse.

export function geminiBody(call: TLlmCall): Record<string, unknown> {
  const p = call.params;
  const namesById = new Map<string, string>();
  for (const m of call.messages) if (m.role === "assistant") for (const c of m.toolCalls ?? []) namesById.set(c.id, c.name);
  const system = call.messages
    .filter((m) => m.role === "system")
    .map((m) => m.content)
    .join("\n\n");
  const contents = call.messages.flatMap((m): { role: string; parts: Record<string, unknown>[] }[] => {
    if (m.role === "system") return [];
    if (m.role === "tool") {
      return [
        {
          role: "user",
          parts: [{ functionResponse: { name: namesById.get(m.toolCallId) ?? m.toolCallId, response: { content: m.content } } }],
        },
      ];
    }
    if (m.role === "assistant") {
      const parts = [
        ...(m.content ? [{ text: m.content }] : []),
        ...(m.toolCalls ?? []).map((c) => ({ functionCall: { name: c.name, args: toolArguments(c.arguments) } })),
      ];
      return [{ role: "model", parts }];
    }
    return [{ role: "user", parts: [{ text: m.content }] }];
  });
  const generationConfig = {
    ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
    ...(p.maxTokens !== undefined ? { maxOutputTokens: p.maxTokens } : {}),
    ...(p.topP !== undefined ? { topP: p.topP } : {}),
    ...(p.stop?.length ? { stopSequences: p.stop } : {}),
    ...(call.structuredOutput ? { responseMimeType: "application/json", responseJsonSchema: call.structuredOutput.schema } : {}),
  };
  const choice = call.toolChoice;
  return {
    contents,
    ...(system ? { systemInstruction: { parts: [{ text: system }] } } : {}),
    ...(Object.keys(generationConfig).length ? { generationConfig } : {}),
    ...(call.tools?.length
      ? {
          tools: [
            {
              functionDeclarations: call.tools.map((t) => ({
                name: t.name,
                ...(t.description ? { description: t.description } : {}),
                parameters: t.parameters,
              })),
            },
          ],
        }
      : {}),
    ...(choice && call.tools?.length
      ? {
          toolConfig: {
            functionCallingConfig:
              typeof choice === "object"
                ? { mode: "ANY", allowedFunctionNames: [choice.name] }
                : { mode: choice === "required" ? "ANY" : choice === "none" ? "NONE" : "AUTO" },
          },
        }
      : {}),
  };
}

const ZResponse = z.object({
  candidates: z
    .array(
      z.object({
        content: z
          .object({
            parts: z
              .array(z.object({ text: z.string().optional(), functionCall: z.object({ name: z.string(), args: z.unknown() }).optional() }))
              .default([]),
          })
          .optional(),
        finishReason: z.string().optional(),
      }),
    )
    .default([]),
  usageMetadata: z.object({ promptTokenCount: z.number().default(0), candidatesTokenCount: z.number().default(0) }).optional(),
  modelVersion: z.string().optional(),
});

function parseChunk(body: unknown): z.infer<typeof ZResponse> {
  if (body && typeof body === "object" && "error" in body) {
    const message = providerErrorMessage(body) ?? "unknown error";
    throw new LlmProtocolError(`The provider answered with an error: ${message}`, { message });
  }
  const parsed = ZResponse.safeParse(body);
  if (!parsed.success) throw new LlmProtocolError(`The provider's answer is not a Gemini response: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function fold(call: TLlmCall) {
  let text = "";
  let model = call.model;
  let finishReason: string | null = null;
  let usage = { input: 0, output: 0, total: 0 };
  const toolCalls: TLlmToolCall[] = [];
  return {
    add(body: unknown): LlmDelta[] {
      const r = parseChunk(body);
      if (r.modelVersion) model = r.modelVersion;
      if (r.usageMetadata) {
        const { promptTokenCount: input, candidatesTokenCount: output } = r.usageMetadata;
        usage = { input, output, total: input + output };
      }
      const out: LlmDelta[] = [];
      const candidate = r.candidates[0];
      for (const part of candidate?.content?.parts ?? []) {
        if (part.text) {
          text += part.text;
          out.push({ type: "text", delta: part.text });
        }
        if (part.functionCall) {
          const c = {
            id: `call_${toolCalls.length}`,
            name: part.functionCall.name,
            arguments: JSON.stringify(part.functionCall.args ?? {}),
          };
          toolCalls.push(c);
          out.push({ type: "tool-call", call: c });
        }
      }
      if (candidate?.finishReason) finishReason = candidate.finishReason;
      return out;
    },
    result: (): TLlmResult => ({ text, toolCalls, usage, finishReason, model }),
    get finished() {
      return finishReason !== null;
    },
  };
}

export const geminiProtocol: LlmProtocol = {
  defaultBaseURL: "https://generativelanguage.googleapis.com/v1beta",
  buildRequest: (target, call, stream) => ({
    url: `${trimSlash(target.baseURL)}/models/${encodeURIComponent(call.model)}:${stream ? "streamGenerateContent?alt=sse" : "generateContent"}`,
    headers: { "x-goog-api-key": target.secretKey },
    body: geminiBody(call),
  }),
  parseResponse(body, call) {
    const f = fold(call);
    f.add(body);
    return f.result();
  },
  streamAccumulator(call): StreamAccumulator {
    const f = fold(call);
    return {
      push: (_event, data) => f.add(parseJsonData(data, "a stream event")),
      result() {
        if (!f.finished) throw new LlmProtocolError("The provider's stream ended before the answer was complete");
        return f.result();
      },
    };
  },
};

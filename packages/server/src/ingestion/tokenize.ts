import { Tiktoken, getEncodingNameForModel } from "js-tiktoken/lite";

// Token counting for generations that arrive without usage (shared/langfuse-api.md §8.4).
// OpenAI models use their real tiktoken encoding. Anthropic publishes no tokenizer for current
// Claude models, so "claude" models are approximated with cl100k_base; that approximation is
// documented in the README and shown as usage like any other.

type RankName = "o200k_base" | "cl100k_base";
const encoders = new Map<RankName, Promise<Tiktoken>>();

function encoder(name: RankName): Promise<Tiktoken> {
  let pending = encoders.get(name);
  if (!pending) {
    // Ranks are large: load each one on first use only.
    pending = (name === "o200k_base" ? import("js-tiktoken/ranks/o200k_base") : import("js-tiktoken/ranks/cl100k_base")).then(
      (m) => new Tiktoken(m.default),
    );
    encoders.set(name, pending);
  }
  return pending;
}

function rankFor(tokenizerModel: unknown): RankName {
  try {
    const name = getEncodingNameForModel(String(tokenizerModel) as Parameters<typeof getEncodingNameForModel>[0]);
    return name === "o200k_base" ? "o200k_base" : "cl100k_base";
  } catch {
    return "cl100k_base";
  }
}

const asText = (value: unknown) => (typeof value === "string" ? value : (JSON.stringify(value) ?? ""));

type ChatMessage = { role: string; content?: unknown; name?: unknown; tool_calls?: unknown; function_call?: unknown };
const isChat = (value: unknown): value is ChatMessage[] =>
  Array.isArray(value) && value.length > 0 && value.every((m) => m && typeof m === "object" && typeof (m as ChatMessage).role === "string");

function count(enc: Tiktoken, value: unknown, config: { tokensPerMessage: number; tokensPerName: number }): number {
  if (value === null || value === undefined || value === "") return 0;
  if (!isChat(value)) return enc.encode(asText(value)).length;
  // OpenAI's chat accounting: per-message overhead, role and content, the name, plus 3 for the reply primer.
  let tokens = 3;
  for (const m of value) {
    tokens += config.tokensPerMessage + enc.encode(m.role).length;
    if (m.content !== undefined && m.content !== null) tokens += enc.encode(asText(m.content)).length;
    if (typeof m.name === "string") tokens += config.tokensPerName + enc.encode(m.name).length;
    for (const extra of [m.tool_calls, m.function_call]) if (extra) tokens += enc.encode(asText(extra)).length;
  }
  return tokens;
}

export async function countTokens(input: {
  tokenizerId: string | null;
  tokenizerConfig: Record<string, unknown> | null;
  input: unknown;
  output: unknown;
}): Promise<{ input: number; output: number; total: number } | null> {
  if (input.tokenizerId !== "openai" && input.tokenizerId !== "claude") return null;
  const config = input.tokenizerConfig ?? {};
  const enc = await encoder(input.tokenizerId === "openai" ? rankFor(config.tokenizerModel) : "cl100k_base");
  const perMessage = { tokensPerMessage: Number(config.tokensPerMessage ?? 3), tokensPerName: Number(config.tokensPerName ?? 1) };
  const inputTokens = count(enc, input.input, perMessage);
  const outputTokens = count(enc, input.output, { tokensPerMessage: 0, tokensPerName: 0 });
  if (inputTokens === 0 && outputTokens === 0) return null;
  return { input: inputTokens, output: outputTokens, total: inputTokens + outputTokens };
}

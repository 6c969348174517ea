import type { LlmAdapter } from "@loupe/contracts";
import { anthropicProtocol } from "./anthropic.ts";
import { geminiProtocol } from "./gemini.ts";
import { azureProtocol, openAiProtocol } from "./openai.ts";
import type { LlmProtocol } from "./protocol.ts";

export * from "./protocol.ts";

/** One protocol per adapter; the compiler lists a new adapter here. */
export const LLM_PROTOCOLS = {
  openai: openAiProtocol,
  azure: azureProtocol,
  anthropic: anthropicProtocol,
  "google-ai-studio": geminiProtocol,
} satisfies Record<LlmAdapter, LlmProtocol>;

/** Models a connection offers when `withDefaultModels` is on (before its custom models). */
export const DEFAULT_LLM_MODELS = {
  openai: ["gpt-4o-mini", "gpt-4o", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o4-mini", "o3"],
  azure: [],
  anthropic: ["claude-sonnet-4-5", "claude-opus-4-1", "claude-3-5-haiku-latest", "claude-3-7-sonnet-latest"],
  "google-ai-studio": ["gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.0-flash"],
} satisfies Record<LlmAdapter, string[]>;

/** The models a connection offers: its custom models first, then the adapter's defaults. */
export function connectionModels(connection: { adapter: string; customModels: string[]; withDefaultModels: boolean }): string[] {
  const defaults = connection.withDefaultModels ? (DEFAULT_LLM_MODELS[connection.adapter as LlmAdapter] ?? []) : [];
  return [...new Set([...connection.customModels, ...defaults])];
}

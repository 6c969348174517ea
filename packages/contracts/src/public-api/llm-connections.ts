import { z } from "zod";
import { ZPageMeta, ZPageQuery } from "../common/pagination.ts";

// /api/public/llm-connections — Langfuse's OpenAPI (LlmConnection, UpsertLlmConnectionRequest).
// The UI's settings routes take the same body, so there is one shape for both.

/** Adapters Loupe can call. Langfuse also names bedrock and google-vertex-ai; they answer 400. */
export const LLM_ADAPTERS = ["openai", "azure", "anthropic", "google-ai-studio"] as const;
export type LlmAdapter = (typeof LLM_ADAPTERS)[number];

export const LLM_ADAPTER_LABELS = {
  openai: "OpenAI or OpenAI-compatible",
  azure: "Azure OpenAI",
  anthropic: "Anthropic",
  "google-ai-studio": "Google Gemini (AI Studio)",
} as const satisfies Record<LlmAdapter, string>;

export const ZLlmAdapter = z.enum(LLM_ADAPTERS, {
  error: `adapter must be one of ${LLM_ADAPTERS.join(", ")} (Loupe cannot call bedrock or google-vertex-ai)`,
});

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
/** Headers the client sets itself: a tenant may not override them. */
const RESERVED_HEADERS = new Set(["authorization", "api-key", "x-api-key", "x-goog-api-key", "content-type", "content-length", "host"]);

export const ZUpsertLlmConnectionBody = z.object({
  provider: z
    .string()
    .trim()
    .min(1, "provider (the connection's name) is required")
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._:/-]*$/, "provider may contain letters, digits, spaces and . _ : / -"),
  adapter: ZLlmAdapter,
  secretKey: z.string().min(1, "secretKey is required").max(4000),
  baseURL: z
    .url({ protocol: /^https?$/, error: "baseURL must be an http(s) URL" })
    .max(2000)
    .nullish(),
  customModels: z.array(z.string().trim().min(1).max(200)).max(200).nullish(),
  withDefaultModels: z.boolean().nullish(),
  extraHeaders: z
    .record(
      z.string().regex(HEADER_NAME, "header names are tokens (letters, digits, - and _)"),
      z
        .string()
        .max(4000)
        .regex(/^[^\r\n]*$/, "header values are one line"),
    )
    .refine((h) => Object.keys(h).length <= 20, "at most 20 extra headers")
    .refine((h) => Object.keys(h).every((k) => !RESERVED_HEADERS.has(k.toLowerCase())), {
      message: `extra headers may not set ${[...RESERVED_HEADERS].join(", ")}`,
    })
    .nullish(),
  config: z.record(z.string(), z.unknown()).nullish(),
});
export type TUpsertLlmConnectionBody = z.infer<typeof ZUpsertLlmConnectionBody>;

/** The UI's edit form: the secret may be left out to keep the stored one. */
export const ZUpdateLlmConnectionBody = ZUpsertLlmConnectionBody.extend({
  secretKey: z.string().max(4000).optional(),
});
export type TUpdateLlmConnectionBody = z.infer<typeof ZUpdateLlmConnectionBody>;

export const ZLlmConnection = z.object({
  id: z.string(),
  provider: z.string(),
  adapter: z.string(),
  displaySecretKey: z.string(),
  baseURL: z.string().nullable(),
  customModels: z.array(z.string()),
  withDefaultModels: z.boolean(),
  extraHeaderKeys: z.array(z.string()),
  config: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TLlmConnection = z.infer<typeof ZLlmConnection>;

export const ZLlmConnectionsQuery = ZPageQuery;
export const ZLlmConnectionsResponse = z.object({ data: z.array(ZLlmConnection), meta: ZPageMeta });
export type TLlmConnectionsResponse = z.infer<typeof ZLlmConnectionsResponse>;

export const ZLlmConnectionParams = z.object({ id: z.string().min(1) });
export const LLM_CONNECTION_DELETED = "LLM connection successfully deleted";

import { z } from "zod";
import { type MediaStorageConfig, readMediaStorageConfig } from "./media/storage-config.ts";

// The only place @loupe/server reads process.env.
const ZServerEnv = z.object({
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOUPE_SERVICE_NAME: z.string().default("loupe"),
});

export const serverEnv = ZServerEnv.parse({
  LOG_LEVEL: process.env.LOG_LEVEL || undefined,
  LOUPE_SERVICE_NAME: process.env.LOUPE_SERVICE_NAME || undefined,
});

/** LOUPE_S3_MEDIA_*; read when first needed, so `next build` runs without runtime settings. Throws naming each wrong variable. */
export function mediaStorageEnv(): MediaStorageConfig {
  return readMediaStorageConfig(process.env);
}

const ZLlmEnv = z.object({
  LOUPE_ENCRYPTION_KEY: z
    .string({ error: "LOUPE_ENCRYPTION_KEY is required to store LLM connection keys (npm start generates one into .loupe/local.env)" })
    .regex(/^[0-9a-f]{64}$/i, "LOUPE_ENCRYPTION_KEY must be 64 hex characters (32 bytes); generate one with `openssl rand -hex 32`"),
  /** Lets tenant base URLs reach loopback and private networks (self-hosted gateways, tests). Link-local/metadata stay refused. */
  LOUPE_LLM_ALLOW_PRIVATE_BASE_URLS: z.enum(["true", "false"]).default("false"),
  LOUPE_LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(120_000),
});
export type LlmEnv = { encryptionKey: Buffer; allowPrivateBaseUrls: boolean; timeoutMs: number };

let llmEnvCache: LlmEnv | undefined;
/** LLM connection settings; read when first needed. Throws naming the wrong variable (never its value). */
export function llmEnv(): LlmEnv {
  if (!llmEnvCache) {
    const parsed = ZLlmEnv.safeParse({
      LOUPE_ENCRYPTION_KEY: process.env.LOUPE_ENCRYPTION_KEY || undefined,
      LOUPE_LLM_ALLOW_PRIVATE_BASE_URLS: process.env.LOUPE_LLM_ALLOW_PRIVATE_BASE_URLS || undefined,
      LOUPE_LLM_TIMEOUT_MS: process.env.LOUPE_LLM_TIMEOUT_MS || undefined,
    });
    if (!parsed.success) throw new Error(`Invalid LLM configuration: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
    llmEnvCache = {
      encryptionKey: Buffer.from(parsed.data.LOUPE_ENCRYPTION_KEY, "hex"),
      allowPrivateBaseUrls: parsed.data.LOUPE_LLM_ALLOW_PRIVATE_BASE_URLS === "true",
      timeoutMs: parsed.data.LOUPE_LLM_TIMEOUT_MS,
    };
  }
  return llmEnvCache;
}

const ZEvalEnv = z.object({
  /** Judge calls in flight per LLM connection, per worker process. */
  LOUPE_EVAL_CONNECTION_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  /** Judge calls started per LLM connection per minute, across all workers (Redis counter). */
  LOUPE_EVAL_CONNECTION_RPM: z.coerce.number().int().min(1).max(100_000).default(600),
  /** One judge call, first byte to last. */
  LOUPE_EVAL_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
});
export type EvalEnv = z.infer<typeof ZEvalEnv>;
let evalEnvCache: EvalEnv | undefined;
/** LOUPE_EVAL_*; read when first needed. */
export function evalEnv(): EvalEnv {
  evalEnvCache ??= ZEvalEnv.parse({
    LOUPE_EVAL_CONNECTION_CONCURRENCY: process.env.LOUPE_EVAL_CONNECTION_CONCURRENCY || undefined,
    LOUPE_EVAL_CONNECTION_RPM: process.env.LOUPE_EVAL_CONNECTION_RPM || undefined,
    LOUPE_EVAL_TIMEOUT_MS: process.env.LOUPE_EVAL_TIMEOUT_MS || undefined,
  });
  return evalEnvCache;
}

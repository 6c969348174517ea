import { z } from "zod";
import { type GroupRoleRule, parseDomainList, ZGroupRoleRules } from "@loupe/domain";
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
  /** The longest a judge or experiment call waits on a provider's `Retry-After` before its queue's backoff takes over. */
  LOUPE_EVAL_RETRY_AFTER_MAX_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
});
export type EvalEnv = z.infer<typeof ZEvalEnv>;
let evalEnvCache: EvalEnv | undefined;
/** LOUPE_EVAL_*; read when first needed. */
export function evalEnv(): EvalEnv {
  evalEnvCache ??= ZEvalEnv.parse({
    LOUPE_EVAL_CONNECTION_CONCURRENCY: process.env.LOUPE_EVAL_CONNECTION_CONCURRENCY || undefined,
    LOUPE_EVAL_CONNECTION_RPM: process.env.LOUPE_EVAL_CONNECTION_RPM || undefined,
    LOUPE_EVAL_TIMEOUT_MS: process.env.LOUPE_EVAL_TIMEOUT_MS || undefined,
    LOUPE_EVAL_RETRY_AFTER_MAX_MS: process.env.LOUPE_EVAL_RETRY_AFTER_MAX_MS || undefined,
  });
  return evalEnvCache;
}

const ZBool = z.enum(["true", "false"]).optional();
const ZAuthPolicyEnv = z.object({
  AUTH_DOMAINS_WITH_SSO_ENFORCEMENT: z.string().optional(),
  AUTH_DISABLE_USERNAME_PASSWORD: ZBool,
  AUTH_DISABLE_SIGNUP: ZBool,
  AUTH_SSO_GROUPS_CLAIM: z.string().min(1).default("groups"),
  AUTH_SSO_GROUP_ROLES: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (!raw) return [];
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "is not JSON: give an array of {group, organizationId|projectId, role}" });
        return z.NEVER;
      }
    })
    .pipe(ZGroupRoleRules),
});
export type AuthPolicy = {
  ssoEnforcedDomains: string[];
  passwordDisabled: boolean;
  signupDisabled: boolean;
  groupsClaim: string;
  groupRoleRules: GroupRoleRule[];
};

/**
 * Who may sign in and sign up how (Langfuse's variable names), and the group → role rules. Read on every
 * call (it is cheap) so a test can change a variable; throws naming the wrong variable.
 */
export function authPolicy(): AuthPolicy {
  const parsed = ZAuthPolicyEnv.safeParse({
    AUTH_DOMAINS_WITH_SSO_ENFORCEMENT: process.env.AUTH_DOMAINS_WITH_SSO_ENFORCEMENT || undefined,
    AUTH_DISABLE_USERNAME_PASSWORD: process.env.AUTH_DISABLE_USERNAME_PASSWORD || undefined,
    AUTH_DISABLE_SIGNUP: process.env.AUTH_DISABLE_SIGNUP || undefined,
    AUTH_SSO_GROUPS_CLAIM: process.env.AUTH_SSO_GROUPS_CLAIM || undefined,
    AUTH_SSO_GROUP_ROLES: process.env.AUTH_SSO_GROUP_ROLES || undefined,
  });
  if (!parsed.success) {
    throw new Error(`Invalid sign-in configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  const env = parsed.data;
  return {
    ssoEnforcedDomains: parseDomainList(env.AUTH_DOMAINS_WITH_SSO_ENFORCEMENT),
    passwordDisabled: env.AUTH_DISABLE_USERNAME_PASSWORD === "true",
    signupDisabled: env.AUTH_DISABLE_SIGNUP === "true",
    groupsClaim: env.AUTH_SSO_GROUPS_CLAIM,
    groupRoleRules: env.AUTH_SSO_GROUP_ROLES,
  };
}

const ZSamlEnv = z
  .object({
    AUTH_SAML_IDP_METADATA_URL: z.url("AUTH_SAML_IDP_METADATA_URL must be the URL of the IdP's SAML metadata XML").optional(),
    AUTH_SAML_IDP_METADATA_FILE: z.string().min(1).optional(),
    AUTH_SAML_NAME: z.string().min(1).max(60).default("SAML SSO"),
    AUTH_SAML_SP_ENTITY_ID: z.string().min(1).optional(),
    AUTH_SAML_CLOCK_SKEW_SECONDS: z.coerce
      .number("AUTH_SAML_CLOCK_SKEW_SECONDS must be a number of seconds")
      .int()
      .min(0)
      .max(600, "AUTH_SAML_CLOCK_SKEW_SECONDS must be at most 600")
      .default(60),
    AUTH_SAML_EMAIL_ATTRIBUTE: z.string().min(1).default("email"),
    AUTH_SAML_NAME_ATTRIBUTE: z.string().min(1).default("name"),
    AUTH_SAML_ALLOW_ACCOUNT_LINKING: ZBool,
  })
  .refine((env) => !(env.AUTH_SAML_IDP_METADATA_URL && env.AUTH_SAML_IDP_METADATA_FILE), {
    message: "set AUTH_SAML_IDP_METADATA_URL or AUTH_SAML_IDP_METADATA_FILE, not both",
    path: ["AUTH_SAML_IDP_METADATA_URL"],
  });
export type SamlEnv = z.infer<typeof ZSamlEnv>;

/** SAML 2.0 sign-in (`AUTH_SAML_*`); null when no IdP metadata is configured. Throws naming the wrong variable. */
export function samlEnv(): SamlEnv | null {
  const keys = Object.keys(ZSamlEnv.shape) as (keyof SamlEnv)[];
  const parsed = ZSamlEnv.safeParse(Object.fromEntries(keys.map((key) => [key, process.env[key] || undefined])));
  if (!parsed.success) {
    throw new Error(`Invalid SAML configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  return parsed.data.AUTH_SAML_IDP_METADATA_URL || parsed.data.AUTH_SAML_IDP_METADATA_FILE ? parsed.data : null;
}

const ZMailEnv = z.object({
  SMTP_CONNECTION_URL: z.url("SMTP_CONNECTION_URL must be a URL such as smtp://user:pass@smtp.example.com:587").optional(),
  EMAIL_FROM_ADDRESS: z.email("EMAIL_FROM_ADDRESS must be an e-mail address").optional(),
});
export type MailEnv = { smtpUrl: string; from: string };

/** Transactional e-mail (Langfuse's names); null unless both variables are set. Throws naming a wrong one. */
export function mailEnv(): MailEnv | null {
  const parsed = ZMailEnv.safeParse({
    SMTP_CONNECTION_URL: process.env.SMTP_CONNECTION_URL || undefined,
    EMAIL_FROM_ADDRESS: process.env.EMAIL_FROM_ADDRESS || undefined,
  });
  if (!parsed.success) throw new Error(`Invalid e-mail configuration: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  const { SMTP_CONNECTION_URL, EMAIL_FROM_ADDRESS } = parsed.data;
  return SMTP_CONNECTION_URL && EMAIL_FROM_ADDRESS ? { smtpUrl: SMTP_CONNECTION_URL, from: EMAIL_FROM_ADDRESS } : null;
}

const ZAuditEnv = z.object({
  LOUPE_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1, "LOUPE_AUDIT_RETENTION_DAYS must be at least 1").default(400),
  LOUPE_TRUSTED_PROXY: z.enum(["true", "false"], { error: "LOUPE_TRUSTED_PROXY must be true or false" }).default("false"),
});
export type AuditEnv = { retentionDays: number; trustedProxy: boolean };

/** Audit log settings; read when first needed. Throws naming the wrong variable. */
export function auditEnv(): AuditEnv {
  const parsed = ZAuditEnv.safeParse({
    LOUPE_AUDIT_RETENTION_DAYS: process.env.LOUPE_AUDIT_RETENTION_DAYS || undefined,
    LOUPE_TRUSTED_PROXY: process.env.LOUPE_TRUSTED_PROXY || undefined,
  });
  if (!parsed.success) throw new Error(`Invalid audit configuration: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return { retentionDays: parsed.data.LOUPE_AUDIT_RETENTION_DAYS, trustedProxy: parsed.data.LOUPE_TRUSTED_PROXY === "true" };
}

const ZWebhookEnv = z.object({
  /** Lets webhook URLs reach loopback and private networks (receivers next to Loupe, tests); http is accepted then too. */
  LOUPE_WEBHOOK_ALLOW_PRIVATE_URLS: z.enum(["true", "false"]).default("false"),
  LOUPE_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60_000).default(10_000),
});
export type WebhookEnv = { allowPrivateUrls: boolean; timeoutMs: number };

let webhookEnvCache: WebhookEnv | undefined;
/** Webhook delivery settings; read when first needed. Throws naming the wrong variable. */
export function webhookEnv(): WebhookEnv {
  if (!webhookEnvCache) {
    const parsed = ZWebhookEnv.safeParse({
      LOUPE_WEBHOOK_ALLOW_PRIVATE_URLS: process.env.LOUPE_WEBHOOK_ALLOW_PRIVATE_URLS || undefined,
      LOUPE_WEBHOOK_TIMEOUT_MS: process.env.LOUPE_WEBHOOK_TIMEOUT_MS || undefined,
    });
    if (!parsed.success)
      throw new Error(`Invalid webhook configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    webhookEnvCache = {
      allowPrivateUrls: parsed.data.LOUPE_WEBHOOK_ALLOW_PRIVATE_URLS === "true",
      timeoutMs: parsed.data.LOUPE_WEBHOOK_TIMEOUT_MS,
    };
  }
  return webhookEnvCache;
}

/** Entries of the in-process prompt cache per web process (0 turns that level off; Redis still caches). */
export function promptMemoryCacheEntries(): number {
  const parsed = z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(5000)
    .safeParse(process.env.LOUPE_PROMPT_MEMORY_CACHE_ENTRIES || undefined);
  if (!parsed.success) throw new Error("LOUPE_PROMPT_MEMORY_CACHE_ENTRIES must be a whole number from 0 to 1000000");
  return parsed.data;
}

/**
 * `LANGFUSE_ALLOWED_ORGANIZATION_CREATORS`: comma-separated e-mails (compared case-insensitively) of the people
 * who may create organizations; unset or empty, everyone may. Read on each use (tests change it).
 */
export function allowedOrganizationCreators(): Set<string> | null {
  const raw = process.env.LANGFUSE_ALLOWED_ORGANIZATION_CREATORS?.trim();
  if (!raw) return null;
  return new Set(
    raw
      .split(",")
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean),
  );
}

import "server-only";
import { authPolicy, samlEnv } from "@loupe/server";
import { z } from "zod";
import { readSsoConfig, type SsoConfig } from "./sso-providers";

// The only module of the web app that reads process.env. Read lazily (at request time), so
// `next build` does not need runtime secrets.
const ZWebEnv = z.object({
  NEXTAUTH_SECRET: z
    .string({ error: "NEXTAUTH_SECRET is required: set it to a long random string (npm start generates one into .loupe/local.env)" })
    .min(16, "NEXTAUTH_SECRET must be at least 16 characters"),
  NEXTAUTH_URL: z.url("NEXTAUTH_URL must be the public base URL, e.g. http://localhost:3000").optional(),
  /** Session lifetime in minutes (Langfuse's name and unit); 30 days by default. */
  AUTH_SESSION_MAX_AGE: z.coerce
    .number()
    .int()
    .min(5, "AUTH_SESSION_MAX_AGE is in minutes and must be at least 5")
    .default(30 * 24 * 60),
  /** Check JSON answers against each route's `response` contract; on unless NODE_ENV is production. */
  LOUPE_CHECK_RESPONSES: z.stringbool().optional(),
  NODE_ENV: z.string().optional(),
  /** When set, GET /metrics answers only `Authorization: Bearer <token>`. */
  LOUPE_METRICS_TOKEN: z.string().min(16, "LOUPE_METRICS_TOKEN must be at least 16 characters").optional(),
});
export type WebEnv = z.infer<typeof ZWebEnv> & { checkResponses: boolean };

let cached: WebEnv | undefined;
export function webEnv(): WebEnv {
  if (!cached) {
    const parsed = ZWebEnv.safeParse({
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL || undefined,
      LOUPE_CHECK_RESPONSES: process.env.LOUPE_CHECK_RESPONSES || undefined,
      AUTH_SESSION_MAX_AGE: process.env.AUTH_SESSION_MAX_AGE || undefined,
      NODE_ENV: process.env.NODE_ENV,
      LOUPE_METRICS_TOKEN: process.env.LOUPE_METRICS_TOKEN || undefined,
    });
    if (!parsed.success) {
      throw new Error(`Invalid web configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
    }
    cached = { ...parsed.data, checkResponses: parsed.data.LOUPE_CHECK_RESPONSES ?? parsed.data.NODE_ENV !== "production" };
    // Without NEXTAUTH_URL, next-auth falls back to http://localhost:3000 for sign-out redirects and its
    // own links, whatever address Loupe was opened at. Trusting the request's host (Host, or the
    // X-Forwarded-Host Next and proxies set) derives them from the address the person actually used.
    if (!parsed.data.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";
  }
  return cached;
}

let ssoCached: SsoConfig | undefined;
/** The SSO providers configured by `AUTH_<PROVIDER>_*` (sso-providers.ts); throws naming each wrong variable. */
export function ssoConfig(): SsoConfig {
  ssoCached ??= readSsoConfig(process.env);
  return ssoCached;
}

/**
 * Reads every setting once, so a wrong one stops the server at start with the variable named
 * (instrumentation.ts), and returns what it should warn about.
 */
export function checkWebEnvAtStart(): string[] {
  const env = webEnv();
  ssoConfig();
  samlEnv();
  authPolicy();
  if (env.NODE_ENV === "production" && !env.NEXTAUTH_URL)
    return [
      "NEXTAUTH_URL is not set: sign-out redirects and absolute links follow the Host of each request. " +
        "Set NEXTAUTH_URL to Loupe's public URL (e.g. https://loupe.example.com) so they never depend on a header.",
    ];
  return [];
}

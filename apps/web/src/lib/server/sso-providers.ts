import "server-only";
import type { OAuthConfig, OAuthUserConfig } from "next-auth/providers/oauth";
import Auth0Provider from "next-auth/providers/auth0";
import AzureADProvider from "next-auth/providers/azure-ad";
import CognitoProvider from "next-auth/providers/cognito";
import GitHubProvider from "next-auth/providers/github";
import GitLabProvider from "next-auth/providers/gitlab";
import GoogleProvider from "next-auth/providers/google";
import KeycloakProvider from "next-auth/providers/keycloak";
import OktaProvider from "next-auth/providers/okta";
import { z } from "zod";

/**
 * The SSO providers, configured from the environment with the variable names self-hosted Langfuse uses
 * (`AUTH_<PREFIX>_CLIENT_ID`, `_CLIENT_SECRET`, `_ALLOW_ACCOUNT_LINKING`, `_CLIENT_AUTH_METHOD`, `_CHECKS`
 * and each provider's extra settings). One entry per provider; parsing, the "is it on" rule and the
 * error messages are shared. A provider is on when all its required variables are set; setting only some
 * of them is refused at start, naming the missing ones (Langfuse silently ignores that).
 */

// biome-ignore lint/suspicious/noExplicitAny: next-auth's provider profile types differ per provider
type AnyOAuth = OAuthConfig<any>;
type Env = Record<string, string | undefined>;
type Common = Pick<OAuthUserConfig<unknown>, "clientId" | "clientSecret" | "allowDangerousEmailAccountLinking" | "client" | "checks">;

type ProviderSpec = {
  /** next-auth's id: the callback is `/api/auth/callback/<id>`. */
  id: string;
  prefix: string;
  /** The button label. */
  label: (env: Env) => string;
  /** Variables (after the prefix) that must be set besides CLIENT_ID and CLIENT_SECRET. */
  required: readonly string[];
  /** Further variables (after the prefix) with their schema. */
  extra?: Record<string, z.ZodType<string | undefined>>;
  build: (common: Common, vars: (suffix: string) => string | undefined, env: Env) => AnyOAuth;
};

const ZUrl = (name: string) => z.url(`${name} must be a URL, e.g. https://idp.example.com`).optional();
const ZBoolText = (name: string) => z.enum(["true", "false"], `${name} must be true or false`).optional();
const AUTH_METHODS = [
  "client_secret_basic",
  "client_secret_post",
  "client_secret_jwt",
  "private_key_jwt",
  "tls_client_auth",
  "self_signed_tls_client_auth",
  "none",
] as const;
const CHECKS = ["nonce", "none", "pkce", "state"] as const;

export const SSO_PROVIDERS: readonly ProviderSpec[] = [
  {
    id: "custom",
    prefix: "AUTH_CUSTOM",
    label: (env) => env.AUTH_CUSTOM_NAME ?? "SSO",
    required: ["ISSUER", "NAME"],
    extra: { ISSUER: ZUrl("AUTH_CUSTOM_ISSUER"), SCOPE: z.string().optional(), ID_TOKEN: ZBoolText("AUTH_CUSTOM_ID_TOKEN") },
    build: (common, v, env) => {
      const claim = (name: string, fallback: string) => env[`LANGFUSE_CUSTOM_SSO_${name}_CLAIM`] || fallback;
      const [emailClaim, nameClaim, subClaim] = [claim("EMAIL", "email"), claim("NAME", "name"), claim("SUB", "sub")];
      return {
        id: "custom",
        name: v("NAME") ?? "SSO",
        type: "oauth",
        wellKnown: `${(v("ISSUER") ?? "").replace(/\/$/, "")}/.well-known/openid-configuration`,
        // Email and name come from the id_token unless AUTH_CUSTOM_ID_TOKEN=false (then from userinfo).
        idToken: (v("ID_TOKEN") ?? "true") === "true",
        authorization: { params: { scope: v("SCOPE") ?? "openid email profile" } },
        profile: (profile: Record<string, unknown>) => ({
          id: String(profile[subClaim] ?? ""),
          email: typeof profile[emailClaim] === "string" ? (profile[emailClaim] as string) : null,
          name: typeof profile[nameClaim] === "string" ? (profile[nameClaim] as string) : null,
        }),
        ...common,
        checks: common.checks ?? ["pkce", "state"],
        options: common,
      } as AnyOAuth;
    },
  },
  { id: "google", prefix: "AUTH_GOOGLE", label: () => "Google", required: [], build: (c) => GoogleProvider(c) },
  { id: "github", prefix: "AUTH_GITHUB", label: () => "GitHub", required: [], build: (c) => GitHubProvider(c) },
  {
    id: "gitlab",
    prefix: "AUTH_GITLAB",
    label: () => "GitLab",
    required: [],
    extra: { URL: ZUrl("AUTH_GITLAB_URL"), ISSUER: ZUrl("AUTH_GITLAB_ISSUER") },
    build: (c, v) => {
      const base = (v("URL") ?? "https://gitlab.com").replace(/\/$/, "");
      return GitLabProvider({
        ...c,
        issuer: v("ISSUER"),
        authorization: { url: `${base}/oauth/authorize`, params: { scope: "read_user" } },
        token: `${base}/oauth/token`,
        userinfo: `${base}/api/v4/user`,
      });
    },
  },
  {
    id: "azure-ad",
    prefix: "AUTH_AZURE_AD",
    label: () => "Microsoft Entra ID",
    required: ["TENANT_ID"],
    build: (c, v) => AzureADProvider({ ...c, tenantId: v("TENANT_ID") }),
  },
  ...(["OKTA", "AUTH0", "KEYCLOAK"] as const).map((name) => ({
    id: name.toLowerCase(),
    prefix: `AUTH_${name}`,
    label: () => ({ OKTA: "Okta", AUTH0: "Auth0", KEYCLOAK: "Keycloak" })[name],
    required: ["ISSUER"],
    extra: { ISSUER: ZUrl(`AUTH_${name}_ISSUER`) },
    build: (c: Common, v: (s: string) => string | undefined): AnyOAuth => {
      const options = { ...c, issuer: v("ISSUER") };
      if (name === "OKTA") return OktaProvider(options);
      return name === "AUTH0" ? Auth0Provider(options) : KeycloakProvider(options);
    },
  })),
  {
    id: "cognito",
    prefix: "AUTH_COGNITO",
    label: () => "AWS Cognito",
    required: ["ISSUER"],
    extra: { ISSUER: ZUrl("AUTH_COGNITO_ISSUER") },
    // Cognito answers without PKCE support in some pools; Langfuse defaults it to the nonce check.
    build: (c, v) => CognitoProvider({ ...c, issuer: v("ISSUER"), checks: c.checks ?? "nonce" }),
  },
];

export type SsoButton = { id: string; label: string };
export type SsoConfig = { providers: AnyOAuth[]; buttons: SsoButton[] };

function commonSchema(prefix: string) {
  return z.object({
    [`${prefix}_CLIENT_ID`]: z.string().min(1).optional(),
    [`${prefix}_CLIENT_SECRET`]: z.string().min(1).optional(),
    [`${prefix}_ALLOW_ACCOUNT_LINKING`]: ZBoolText(`${prefix}_ALLOW_ACCOUNT_LINKING`),
    [`${prefix}_CLIENT_AUTH_METHOD`]: z
      .enum(AUTH_METHODS, `${prefix}_CLIENT_AUTH_METHOD must be one of ${AUTH_METHODS.join(", ")}`)
      .optional(),
    [`${prefix}_CHECKS`]: z
      .string()
      .optional()
      .transform((s) => s?.split(",").map((c) => c.trim()))
      .pipe(z.array(z.enum(CHECKS, `${prefix}_CHECKS must be a comma-separated list of ${CHECKS.join(", ")}`)).optional()),
  });
}

/** Reads every provider's variables; throws one error naming each wrong or missing variable. */
export function readSsoConfig(env: Env): SsoConfig {
  const problems: string[] = [];
  const config: SsoConfig = { providers: [], buttons: [] };
  for (const spec of SSO_PROVIDERS) {
    const p = spec.prefix;
    const extraSchemas: Record<string, z.ZodType<string | undefined>> = {
      ...Object.fromEntries(spec.required.map((suffix) => [suffix, z.string().optional()])),
      ...spec.extra,
    };
    const extra = Object.fromEntries(Object.entries(extraSchemas).map(([suffix, schema]) => [`${p}_${suffix}`, schema]));
    const schema = commonSchema(p).extend(extra);
    const raw = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, env[key] || undefined]));
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((i) => `${i.path[0] ? String(i.path[0]) : p}: ${i.message}`));
      continue;
    }
    const values = parsed.data as Record<string, unknown>;
    const needed = ["CLIENT_ID", "CLIENT_SECRET", ...spec.required].map((s) => `${p}_${s}`);
    const missing = needed.filter((key) => !values[key]);
    if (missing.length === needed.length) continue; // not configured: off
    if (missing.length > 0) {
      problems.push(
        `${missing.join(", ")}: missing, while ${needed.filter((k) => !missing.includes(k)).join(", ")} is set (set all of ${needed.join(", ")} to turn ${spec.label(env)} sign-in on)`,
      );
      continue;
    }
    const v = (suffix: string) => values[`${p}_${suffix}`] as string | undefined;
    const checks = values[`${p}_CHECKS`] as (typeof CHECKS)[number][] | undefined;
    const common: Common = {
      clientId: v("CLIENT_ID") as string,
      clientSecret: v("CLIENT_SECRET") as string,
      allowDangerousEmailAccountLinking: v("ALLOW_ACCOUNT_LINKING") === "true",
      ...(v("CLIENT_AUTH_METHOD")
        ? { client: { token_endpoint_auth_method: v("CLIENT_AUTH_METHOD") as (typeof AUTH_METHODS)[number] } }
        : {}),
      ...(checks ? { checks } : {}),
    };
    config.providers.push(spec.build(common, v, env));
    config.buttons.push({ id: spec.id, label: spec.label(env) });
  }
  if (problems.length > 0) throw new Error(`Invalid SSO configuration:\n${problems.map((m) => `  ${m}`).join("\n")}`);
  return config;
}

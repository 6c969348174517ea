import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type CacheProvider, type Profile, SAML, ValidateInResponseTo } from "@node-saml/node-saml";
import { DOMParser } from "@xmldom/xmldom";
import { redisKey } from "@loupe/jobs";
import { type SamlEnv, samlEnv } from "../env.ts";
import { logger } from "../logger.ts";
import { sharedRedis } from "../redis.ts";
import { resolveSsoUser, SsoSignInRefused } from "./sso-users.ts";

/**
 * SAML 2.0 sign-in on @node-saml/node-saml (XML signatures by xml-crypto, never by hand): the SP metadata,
 * the AuthnRequest, and the checks on the answer — a signed assertion (an unsigned one is refused even
 * inside a signed response), our audience, its time window with `AUTH_SAML_CLOCK_SKEW_SECONDS` of skew,
 * an InResponseTo of a request we sent (kept in Redis 10 minutes, removed on use) and an assertion id not
 * seen before (kept in Redis until the assertion expires). A valid answer becomes a one-time token that the
 * `saml` next-auth provider redeems, so the session is next-auth's like every other.
 */

const NS_MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const NS_DS = "http://www.w3.org/2000/09/xmldsig#";
const REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const REQUEST_TTL_S = 600;
const TOKEN_TTL_S = 120;
const METADATA_TTL_MS = 60 * 60 * 1000;
const METADATA_MAX_BYTES = 1_000_000;

export type IdpMetadata = { entityId: string; ssoUrl: string; certs: string[] };

/** The IdP's entity id, HTTP-Redirect sign-on URL and signing certificates from its metadata XML. */
export function parseIdpMetadata(xml: string): IdpMetadata {
  const doc = new DOMParser({ errorHandler: { error: () => {}, fatalError: () => {} } }).parseFromString(xml, "text/xml");
  const entity = doc.getElementsByTagNameNS(NS_MD, "EntityDescriptor")[0];
  const idp = entity?.getElementsByTagNameNS(NS_MD, "IDPSSODescriptor")[0];
  if (!entity || !idp) throw new Error("the IdP metadata has no EntityDescriptor with an IDPSSODescriptor");
  const sso = Array.from(idp.getElementsByTagNameNS(NS_MD, "SingleSignOnService")).find(
    (s) => s.getAttribute("Binding") === REDIRECT_BINDING,
  );
  if (!sso?.getAttribute("Location")) throw new Error("the IdP metadata has no SingleSignOnService with the HTTP-Redirect binding");
  const certs = Array.from(idp.getElementsByTagNameNS(NS_MD, "KeyDescriptor"))
    .filter((k) => (k.getAttribute("use") ?? "signing") === "signing")
    .flatMap((k) => Array.from(k.getElementsByTagNameNS(NS_DS, "X509Certificate")))
    .map((c) => (c.textContent ?? "").replace(/\s+/g, ""))
    .filter(Boolean);
  if (certs.length === 0) throw new Error("the IdP metadata has no signing certificate (KeyDescriptor use=signing)");
  return { entityId: entity.getAttribute("entityID") ?? "", ssoUrl: sso.getAttribute("Location") as string, certs };
}

async function loadMetadataXml(env: SamlEnv): Promise<string> {
  if (env.AUTH_SAML_IDP_METADATA_FILE) return readFile(env.AUTH_SAML_IDP_METADATA_FILE, "utf8");
  const response = await fetch(env.AUTH_SAML_IDP_METADATA_URL as string, { signal: AbortSignal.timeout(10_000), redirect: "error" });
  if (!response.ok) throw new Error(`AUTH_SAML_IDP_METADATA_URL answered ${response.status}`);
  const text = await response.text();
  if (text.length > METADATA_MAX_BYTES) throw new Error("AUTH_SAML_IDP_METADATA_URL answered more than 1 MB");
  return text;
}

let metadataCache: { at: number; value: Promise<IdpMetadata> } | undefined;
function idpMetadata(env: SamlEnv): Promise<IdpMetadata> {
  if (!metadataCache || Date.now() - metadataCache.at > METADATA_TTL_MS) {
    const value = loadMetadataXml(env).then(parseIdpMetadata);
    metadataCache = { at: Date.now(), value };
    // A failed load is not cached: the next sign-in tries again.
    value.catch(() => {
      if (metadataCache?.value === value) metadataCache = undefined;
    });
  }
  return metadataCache.value;
}

/**
 * AuthnRequest ids we sent, so an answer must be to one of them (and only once). `onSave` hears the id
 * of the request being made, for the browser-binding cookie of `samlLoginUrl`.
 */
const requestCache = (onSave?: (requestId: string) => void): CacheProvider => ({
  async saveAsync(key, value) {
    await sharedRedis().set(redisKey("saml", "request", key), value, "EX", REQUEST_TTL_S);
    onSave?.(key);
    return { value, createdAt: Date.now() };
  },
  getAsync: (key) => sharedRedis().get(redisKey("saml", "request", key)),
  async removeAsync(key) {
    if (key) await sharedRedis().del(redisKey("saml", "request", key));
    return key;
  },
});

export const samlSpEntityId = (env: SamlEnv, baseUrl: string) => env.AUTH_SAML_SP_ENTITY_ID ?? `${baseUrl}/api/auth/saml/metadata`;
export const samlAcsUrl = (baseUrl: string) => `${baseUrl}/api/auth/saml/acs`;

async function serviceProvider(env: SamlEnv, baseUrl: string, onRequestSaved?: (requestId: string) => void): Promise<SAML> {
  const idp = await idpMetadata(env);
  const issuer = samlSpEntityId(env, baseUrl);
  return new SAML({
    issuer,
    audience: issuer,
    callbackUrl: samlAcsUrl(baseUrl),
    entryPoint: idp.ssoUrl,
    idpIssuer: idp.entityId || undefined,
    idpCert: idp.certs,
    wantAssertionsSigned: true,
    // Many IdPs sign only the assertion; the assertion's signature is what is required.
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: env.AUTH_SAML_CLOCK_SKEW_SECONDS * 1000,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_TTL_S * 1000,
    cacheProvider: requestCache(onRequestSaved),
    identifierFormat: null,
    disableRequestedAuthnContext: true,
  });
}

function requireSaml(): SamlEnv {
  const env = samlEnv();
  if (!env) throw new Error("SAML sign-in is not configured (AUTH_SAML_IDP_METADATA_URL or AUTH_SAML_IDP_METADATA_FILE)");
  return env;
}

/** The button label when SAML is on, else null. */
export function samlButton(): { id: "saml"; label: string } | null {
  const env = samlEnv();
  return env ? { id: "saml", label: env.AUTH_SAML_NAME } : null;
}

export async function samlServiceProviderMetadata(baseUrl: string): Promise<string> {
  return (await serviceProvider(requireSaml(), baseUrl)).generateServiceProviderMetadata(null, null);
}

/**
 * The IdP URL that starts a sign-in, and the AuthnRequest's id; `relayState` (a safe same-origin path)
 * comes back with the answer. The login route puts the id in a SameSite=Lax cookie (SAML_REQUEST_COOKIE),
 * which binds the answer to this browser when its token is redeemed (`redeemSamlToken`).
 */
export async function samlLoginUrl(baseUrl: string, relayState: string): Promise<{ url: string; requestId: string }> {
  let requestId: string | undefined;
  const sp = await serviceProvider(requireSaml(), baseUrl, (id) => {
    requestId = id;
  });
  const url = await sp.getAuthorizeUrlAsync(relayState, undefined, {});
  if (!requestId) throw new Error("the SAML library made an AuthnRequest without saving its id");
  return { url, requestId };
}

/** The cookie holding the AuthnRequest id this browser started (set by /api/auth/saml/login, read at redemption). */
export const SAML_REQUEST_COOKIE = "loupe.saml-request";
export const SAML_REQUEST_COOKIE_MAX_AGE_S = REQUEST_TTL_S;

export type SamlRefusalCode =
  | "SamlInvalid"
  | "SamlReplayed"
  | "SamlOtherBrowser"
  | "SignupDisabled"
  | "EmailMissing"
  | "OAuthAccountNotLinked";
export class SamlSignInRefused extends Error {
  constructor(
    readonly code: SamlRefusalCode,
    reason: string,
  ) {
    super(reason);
  }
}

function attribute(profile: Profile, name: string): unknown {
  const value = profile[name];
  return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

/** Remembers an assertion id until the assertion expires; false when it was seen before (a replay). */
async function firstUse(assertionId: string, notOnOrAfter: string | undefined, skewS: number): Promise<boolean> {
  const until = notOnOrAfter ? Date.parse(notOnOrAfter) : Number.NaN;
  const ttlS = Number.isFinite(until) ? Math.max(1, Math.ceil((until - Date.now()) / 1000) + skewS) : REQUEST_TTL_S;
  return (await sharedRedis().set(redisKey("saml", "assertion", assertionId), "1", "EX", Math.min(ttlS, 86_400), "NX")) === "OK";
}

/**
 * Checks an IdP's POSTed answer and signs the person in: finds or creates the user (linking by e-mail only
 * with AUTH_SAML_ALLOW_ACCOUNT_LINKING=true), applies the group → role rules, and returns a one-time token
 * for the `saml` next-auth provider. Throws SamlSignInRefused with a code for the sign-in page.
 */
export async function completeSamlSignIn(baseUrl: string, form: { SAMLResponse?: string; RelayState?: string }) {
  const env = requireSaml();
  if (!form.SAMLResponse) throw new SamlSignInRefused("SamlInvalid", "no SAMLResponse in the form");
  const sp = await serviceProvider(env, baseUrl);
  let profile: Profile | null;
  try {
    ({ profile } = await sp.validatePostResponseAsync({ SAMLResponse: form.SAMLResponse }));
  } catch (error) {
    logger.warn({ reason: (error as Error).message }, "SAML answer refused");
    throw new SamlSignInRefused("SamlInvalid", (error as Error).message);
  }
  if (!profile) throw new SamlSignInRefused("SamlInvalid", "the answer carried no assertion");
  const assertion = profile.getAssertion?.() as
    | { Assertion?: { $?: { ID?: string }; Conditions?: { $?: { NotOnOrAfter?: string } }[] } }
    | undefined;
  const assertionId = assertion?.Assertion?.$?.ID;
  if (!assertionId) throw new SamlSignInRefused("SamlInvalid", "the assertion has no ID");
  if (!(await firstUse(assertionId, assertion?.Assertion?.Conditions?.[0]?.$?.NotOnOrAfter, env.AUTH_SAML_CLOCK_SKEW_SECONDS))) {
    throw new SamlSignInRefused("SamlReplayed", `assertion ${assertionId} was used before`);
  }

  const emailValue = attribute(profile, env.AUTH_SAML_EMAIL_ATTRIBUTE) ?? profile.email ?? profile.mail ?? profile.nameID;
  const nameValue = attribute(profile, env.AUTH_SAML_NAME_ATTRIBUTE);
  let user: Awaited<ReturnType<typeof resolveSsoUser>>;
  try {
    user = await resolveSsoUser({
      provider: "saml",
      providerAccountId: profile.nameID,
      email: emailValue,
      name: typeof nameValue === "string" ? nameValue : null,
      allowLinking: env.AUTH_SAML_ALLOW_ACCOUNT_LINKING === "true",
      claims: Object.fromEntries(Object.entries(profile).filter(([, v]) => typeof v !== "function")),
    });
  } catch (error) {
    if (error instanceof SsoSignInRefused) throw new SamlSignInRefused(error.code, error.message);
    throw error;
  }
  // The library checked InResponseTo against the requests we sent; it stays with the token for the browser check.
  const inResponseTo = typeof profile.inResponseTo === "string" ? profile.inResponseTo : "";
  return { token: await issueSamlToken(user.id, inResponseTo), relayState: form.RelayState ?? "" };
}

/** A one-time token for a checked answer: the user and the AuthnRequest it answered (2 minutes, one use). */
export async function issueSamlToken(userId: string, inResponseTo: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await sharedRedis().set(redisKey("saml", "token", token), JSON.stringify({ userId, inResponseTo }), "EX", TOKEN_TTL_S);
  return token;
}

/**
 * The user a one-time SAML token stands for, when it is redeemed by the browser that started the sign-in:
 * `requestCookie` (SAML_REQUEST_COOKIE, sent on the same-origin redemption) must name the AuthnRequest the
 * answer was to. Without that, a person lured into posting someone else's fresh answer would be signed
 * in as that someone (login CSRF). The token is spent either way, so a refused one cannot be retried.
 */
export async function redeemSamlToken(
  token: string,
  requestCookie: string | undefined,
): Promise<{ ok: true; userId: string } | { ok: false; code: "SamlInvalid" | "SamlOtherBrowser" }> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, code: "SamlInvalid" };
  const stored = await sharedRedis().getdel(redisKey("saml", "token", token));
  if (!stored) return { ok: false, code: "SamlInvalid" };
  const { userId, inResponseTo } = JSON.parse(stored) as { userId: string; inResponseTo: string };
  if (!inResponseTo || requestCookie !== inResponseTo) {
    logger.warn({ userId }, "SAML token redeemed by a browser that did not start the sign-in");
    return { ok: false, code: "SamlOtherBrowser" };
  }
  return { ok: true, userId };
}

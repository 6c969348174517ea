import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { findApiKeyByPublicKey, findOrganizationApiKeyByPublicKey, touchApiKeyLastUsed, touchOrganizationApiKeyLastUsed } from "@loupe/db";
import { createRedisClient, type Redis, redisKey } from "@loupe/jobs";
import { logger } from "../logger.ts";
import { RefreshingCache } from "../refreshing-cache.ts";
import { sharedRedis } from "../redis.ts";

// Keys look like Langfuse's (pk-lf-<uuid> / sk-lf-<uuid>) so SDK users can paste them unchanged.
// Secrets carry 122 random bits, so a plain SHA-256 is a sufficient (and fast) one-way hash.

export function hashSecretKey(secretKey: string): string {
  return createHash("sha256").update(secretKey).digest("hex");
}

export function displaySecretKey(secretKey: string): string {
  return `${secretKey.slice(0, 6)}...${secretKey.slice(-4)}`;
}

export function generateApiKeyPair() {
  const publicKey = `pk-lf-${randomUUID()}`;
  const secretKey = `sk-lf-${randomUUID()}`;
  return { publicKey, secretKey, hashedSecretKey: hashSecretKey(secretKey), displaySecretKey: displaySecretKey(secretKey) };
}

export type ApiKeyScope = "project" | "scores";
export type ApiKeyAuth =
  | { ok: true; projectId: string; apiKeyId: string; scope: ApiKeyScope; publicKey: string }
  /** An organization key: it may call only the admin endpoints (`authenticateOrganizationKey`). */
  | { ok: true; organizationId: string; apiKeyId: string; scope: "organization"; publicKey: string }
  | { ok: false; status: 401; message: string };

const INVALID_CREDENTIALS = "Invalid credentials. Confirm that you've configured the correct host.";
const INVALID_PUBLIC_KEY = "Invalid public key. Confirm that you've configured the correct host.";

type CachedKey = { id: string; hashedSecretKey: string; revoked: boolean; expiresAt: Date | null } & (
  | { kind: "project"; projectId: string }
  | { kind: "organization"; organizationId: string }
);

/** A project key is looked up first (every SDK request); an organization key only when no project key has the public key. */
async function findKey(publicKey: string): Promise<CachedKey | null> {
  const row = await findApiKeyByPublicKey(publicKey);
  if (row) {
    const { revokedAt, ...rest } = row;
    return { ...rest, kind: "project", revoked: revokedAt !== null };
  }
  const org = await findOrganizationApiKeyByPublicKey(publicKey);
  if (!org) return null;
  const { revokedAt, ...rest } = org;
  return { ...rest, kind: "organization", revoked: revokedAt !== null };
}

/**
 * Keys are cached per process for 5 s, so a request costs no database read. A revocation is
 * announced on a Redis channel that every web process listens to, and each forgets its cached keys
 * at once; the TTL (and the one read that follows it) only bounds a key's life when Redis could not
 * carry the announcement.
 *
 * An expired entry is still answered while one read refreshes it in the background (for at most
 * `staleMs` more): at 500 requests/s a key's expiry would otherwise send every request of the next
 * moment to the database at once, each waiting for a connection behind the ingestion writes (prompt
 * fetches beside ingestion had a p99 of seconds from this alone, docs/performance.md stop 11).
 */
export class ApiKeyCache {
  private readonly keys: RefreshingCache<CachedKey | null>;
  private subscriber: Redis | undefined;
  /** Resolves once this cache hears revocations (tests wait for it). */
  listening: Promise<void> = Promise.resolve();

  constructor(ttlMs = 5_000, staleMs = 10_000) {
    this.keys = new RefreshingCache(findKey, { ttlMs, staleMs, maxEntries: 10_000 });
  }

  lookup(publicKey: string): Promise<CachedKey | null> {
    this.listen();
    return this.keys.get(publicKey);
  }

  forget(): void {
    // A read that started before the revocation must not answer lookups made after it.
    this.keys.forget();
  }

  private listen(): void {
    if (this.subscriber) return;
    const subscriber = createRedisClient();
    this.subscriber = subscriber;
    subscriber.on("message", () => this.forget());
    subscriber.on("error", () => undefined); // ioredis reconnects; the TTL covers the gap
    this.listening = subscriber.subscribe(revocationChannel()).then(
      () => undefined,
      (error: Error) => logger.warn({ err: error.message }, "API key revocations not heard (Redis); cached keys expire within 5 s"),
    );
  }

  close(): void {
    this.subscriber?.disconnect();
    this.subscriber = undefined;
  }
}

const revocationChannel = () => redisKey("api-keys", "revoked");
const processCache = new ApiKeyCache();

/** Forget cached keys in this process (tests). */
export function clearApiKeyCache(): void {
  processCache.forget();
}

/** Every web process forgets its cached keys: called after a key is revoked or replaced. */
export async function announceApiKeyRevoked(): Promise<void> {
  processCache.forget();
  await sharedRedis()
    .publish(revocationChannel(), "revoked")
    .catch((error: Error) =>
      logger.warn({ err: error.message }, "API key revocation not announced (Redis); other processes expire it within 5 s"),
    );
}

const lastTouched = new Map<string, number>();

/**
 * Records "last used" at most once a minute per key and process, so ingestion does not pay a database
 * write per request (the UI shows the time to the minute).
 */
function touch(key: CachedKey): void {
  const now = Date.now();
  if (now - (lastTouched.get(key.id) ?? 0) < 60_000) return;
  if (lastTouched.size > 10_000) lastTouched.clear();
  lastTouched.set(key.id, now);
  const write = key.kind === "project" ? touchApiKeyLastUsed : touchOrganizationApiKeyLastUsed;
  write(key.id).catch(() => undefined);
}

/** The 401 message for a key past its expiry, or null while it is valid. */
function expiryRefusal(key: CachedKey, now = new Date()): string | null {
  if (!key.expiresAt || key.expiresAt > now) return null;
  const where = key.kind === "project" ? "Settings → API keys" : "Settings → Organization";
  return `API key expired at ${key.expiresAt.toISOString()}. Create a new key in ${where}.`;
}

function safeEqualHex(a: string, b: string): boolean {
  const ab = Buffer.from(a, "hex");
  const bb = Buffer.from(b, "hex");
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * Verifies an Authorization header: Basic base64(publicKey:secretKey) grants the project scope;
 * Bearer <publicKey> grants only the scores scope (used by browser SDKs).
 */
export async function verifyAuthorizationHeader(header: string | null | undefined, cache = processCache): Promise<ApiKeyAuth> {
  if (!header) return { ok: false, status: 401, message: "No authorization header" };
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!scheme || !value) return { ok: false, status: 401, message: "Invalid authorization header" };
  if (scheme.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const sep = decoded.indexOf(":");
    if (sep <= 0) return { ok: false, status: 401, message: "Invalid authorization header" };
    const publicKey = decoded.slice(0, sep);
    const secretKey = decoded.slice(sep + 1);
    const key = await cache.lookup(publicKey);
    if (!key || key.revoked || !safeEqualHex(key.hashedSecretKey, hashSecretKey(secretKey))) {
      return { ok: false, status: 401, message: INVALID_CREDENTIALS };
    }
    const expired = expiryRefusal(key);
    if (expired) return { ok: false, status: 401, message: expired };
    touch(key);
    return key.kind === "project"
      ? { ok: true, projectId: key.projectId, apiKeyId: key.id, scope: "project", publicKey }
      : { ok: true, organizationId: key.organizationId, apiKeyId: key.id, scope: "organization", publicKey };
  }
  if (scheme.toLowerCase() === "bearer") {
    const key = await cache.lookup(value);
    // Organization keys never authenticate with Bearer (Langfuse).
    if (!key || key.revoked || key.kind !== "project") return { ok: false, status: 401, message: INVALID_PUBLIC_KEY };
    const expired = expiryRefusal(key);
    if (expired) return { ok: false, status: 401, message: expired };
    touch(key);
    return { ok: true, projectId: key.projectId, apiKeyId: key.id, scope: "scores", publicKey: value };
  }
  return { ok: false, status: 401, message: "Invalid authorization header" };
}

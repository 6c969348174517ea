import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { findApiKeyByPublicKey, touchApiKeyLastUsed } from "@loupe/db";

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
  | { ok: false; status: 401; message: string };

const INVALID_CREDENTIALS = "Invalid credentials. Confirm that you've configured the correct host.";
const INVALID_PUBLIC_KEY = "Invalid public key. Confirm that you've configured the correct host.";

type CachedKey = { id: string; projectId: string; hashedSecretKey: string; revoked: boolean; expiresAt: number };
// Short TTL: a revoked key stops working within seconds without a database hit per request.
const CACHE_TTL_MS = 5_000;
const cache = new Map<string, CachedKey | null>();
const cacheExpiry = new Map<string, number>();
const lastTouched = new Map<string, number>();

async function lookupKey(publicKey: string): Promise<CachedKey | null> {
  const now = Date.now();
  if ((cacheExpiry.get(publicKey) ?? 0) > now) return cache.get(publicKey) ?? null;
  const row = await findApiKeyByPublicKey(publicKey);
  const entry = row
    ? {
        id: row.id,
        projectId: row.projectId,
        hashedSecretKey: row.hashedSecretKey,
        revoked: row.revokedAt !== null,
        expiresAt: now + CACHE_TTL_MS,
      }
    : null;
  if (cache.size > 10_000) {
    cache.clear();
    cacheExpiry.clear();
  }
  cache.set(publicKey, entry);
  cacheExpiry.set(publicKey, now + CACHE_TTL_MS);
  return entry;
}

/** Forget cached keys (after a revocation in this process, and in tests). */
export function clearApiKeyCache(): void {
  cache.clear();
  cacheExpiry.clear();
}

function touch(id: string): void {
  const now = Date.now();
  if (now - (lastTouched.get(id) ?? 0) < 60_000) return;
  lastTouched.set(id, now);
  touchApiKeyLastUsed(id).catch(() => undefined);
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
export async function verifyAuthorizationHeader(header: string | null | undefined): Promise<ApiKeyAuth> {
  if (!header) return { ok: false, status: 401, message: "No authorization header" };
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!scheme || !value) return { ok: false, status: 401, message: "Invalid authorization header" };
  if (scheme.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const sep = decoded.indexOf(":");
    if (sep <= 0) return { ok: false, status: 401, message: "Invalid authorization header" };
    const publicKey = decoded.slice(0, sep);
    const secretKey = decoded.slice(sep + 1);
    const key = await lookupKey(publicKey);
    if (!key || key.revoked || !safeEqualHex(key.hashedSecretKey, hashSecretKey(secretKey))) {
      return { ok: false, status: 401, message: INVALID_CREDENTIALS };
    }
    touch(key.id);
    return { ok: true, projectId: key.projectId, apiKeyId: key.id, scope: "project", publicKey };
  }
  if (scheme.toLowerCase() === "bearer") {
    const key = await lookupKey(value);
    if (!key || key.revoked) return { ok: false, status: 401, message: INVALID_PUBLIC_KEY };
    touch(key.id);
    return { ok: true, projectId: key.projectId, apiKeyId: key.id, scope: "scores", publicKey: value };
  }
  return { ok: false, status: 401, message: "Invalid authorization header" };
}

import { createHmac, timingSafeEqual } from "node:crypto";
import { DomainError } from "../errors.ts";

// Loupe's own media URLs (/api/public/media/<id>/upload and /download): short-lived, HMAC over
// project, media id, purpose and expiry, because SDKs PUT without credentials and browsers load
// media without the API key. The download URL works whatever the store: it serves the bytes or
// redirects to the bucket.

export type SigningContext = { baseUrl: string; secret: string; now?: number };
export type SignedUrl = { url: string; expires: number };
export type SignedQuery = { projectId: string; expires: number; signature: string };
type Purpose = "upload" | "download";

/** How long every handed-out media URL (Loupe's or a presigned S3 one) stays valid. */
export const MEDIA_URL_TTL_MS = 60 * 60 * 1000;

function signature(secret: string, purpose: Purpose, projectId: string, mediaId: string, expires: number): string {
  return createHmac("sha256", secret).update(`${purpose}\n${projectId}\n${mediaId}\n${expires}`).digest("base64url");
}

export function signMediaUrl(ctx: SigningContext, purpose: Purpose, projectId: string, mediaId: string): SignedUrl {
  const expires = (ctx.now ?? Date.now()) + MEDIA_URL_TTL_MS;
  const query = new URLSearchParams({
    projectId,
    expires: String(expires),
    signature: signature(ctx.secret, purpose, projectId, mediaId, expires),
  });
  return { url: `${ctx.baseUrl}/api/public/media/${encodeURIComponent(mediaId)}/${purpose}?${query}`, expires };
}

export function verifyMediaUrl(secret: string, purpose: Purpose, mediaId: string, q: SignedQuery): void {
  const expected = Buffer.from(signature(secret, purpose, q.projectId, mediaId, q.expires));
  const given = Buffer.from(q.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new DomainError(403, "Invalid or tampered media URL", "Forbidden");
  if (q.expires < Date.now()) throw new DomainError(403, "This media URL has expired; ask the API for a new one", "Forbidden");
}

import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { type TMediaUploadRequest, type TMediaUploadResult, mediaIdFromSha256 } from "@loupe/contracts";
import { addMediaReference, findMedia, readMediaContent, recordMediaUpload, storeMediaContent, upsertMediaRecord } from "@loupe/db";
import { DomainError, badRequest, conflict, notFound } from "../errors.ts";

// Media the SDKs upload. Loupe keeps the bytes in Postgres and hands out short-lived signed URLs
// (HMAC over project, media id, purpose and expiry), because SDKs PUT to the upload URL without
// credentials, and browsers load media without the API key.

export type SigningContext = { baseUrl: string; secret: string; now?: number };
type Purpose = "upload" | "download";
const URL_TTL_MS = 60 * 60 * 1000;

function signature(secret: string, purpose: Purpose, projectId: string, mediaId: string, expires: number): string {
  return createHmac("sha256", secret).update(`${purpose}\n${projectId}\n${mediaId}\n${expires}`).digest("base64url");
}

function signedUrl(ctx: SigningContext, purpose: Purpose, projectId: string, mediaId: string) {
  const expires = (ctx.now ?? Date.now()) + URL_TTL_MS;
  const query = new URLSearchParams({
    projectId,
    expires: String(expires),
    signature: signature(ctx.secret, purpose, projectId, mediaId, expires),
  });
  return { url: `${ctx.baseUrl}/api/public/media/${encodeURIComponent(mediaId)}/${purpose}?${query}`, expires };
}

export type SignedQuery = { projectId: string; expires: number; signature: string };

function verify(secret: string, purpose: Purpose, mediaId: string, q: SignedQuery): void {
  const expected = Buffer.from(signature(secret, purpose, q.projectId, mediaId, q.expires));
  const given = Buffer.from(q.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new DomainError(403, "Invalid or tampered media URL", "Forbidden");
  if (q.expires < Date.now()) throw new DomainError(403, "This media URL has expired; ask the API for a new one", "Forbidden");
}

export async function requestMediaUpload(projectId: string, body: TMediaUploadRequest, ctx: SigningContext) {
  const mediaId = mediaIdFromSha256(body.sha256Hash);
  const existing = await findMedia(projectId, mediaId);
  if (existing && existing.sha256Hash !== body.sha256Hash) throw conflict("A different file with the same media id exists");
  const media =
    existing ??
    (await upsertMediaRecord({
      projectId,
      id: mediaId,
      sha256Hash: body.sha256Hash,
      contentType: body.contentType,
      contentLength: body.contentLength,
    }));
  if (body.traceId) {
    await addMediaReference({ projectId, mediaId, traceId: body.traceId, observationId: body.observationId ?? null, field: body.field });
  }
  // Already uploaded (same bytes seen before): the SDK skips the upload when uploadUrl is null.
  if (media.uploadedAt) return { uploadUrl: null, mediaId };
  return { uploadUrl: signedUrl(ctx, "upload", projectId, mediaId).url, mediaId };
}

export async function uploadMediaContent(
  mediaId: string,
  query: SignedQuery,
  request: { contentLength: number | null; checksum: string | null; read: () => Promise<Buffer> },
  secret: string,
): Promise<void> {
  verify(secret, "upload", mediaId, query);
  const media = await findMedia(query.projectId, mediaId);
  if (!media) throw notFound("Media");
  if (request.contentLength !== null && request.contentLength > media.contentLength) {
    throw new DomainError(413, `The upload is larger than the announced ${media.contentLength} bytes`, "PayloadTooLarge");
  }
  if (request.checksum && request.checksum !== media.sha256Hash)
    throw badRequest("x-amz-checksum-sha256 does not match the announced sha256Hash");
  const bytes = await request.read();
  if (bytes.length !== media.contentLength) throw badRequest(`Expected ${media.contentLength} bytes, received ${bytes.length}`);
  if (createHash("sha256").update(bytes).digest("base64") !== media.sha256Hash) throw badRequest("The content does not match sha256Hash");
  await storeMediaContent(query.projectId, mediaId, bytes);
}

export async function recordMediaUploadResult(projectId: string, mediaId: string, result: TMediaUploadResult): Promise<void> {
  const found = await recordMediaUpload(projectId, mediaId, {
    uploadHttpStatus: result.uploadHttpStatus,
    uploadHttpError: result.uploadHttpError ?? null,
  });
  if (!found) throw notFound("Media");
}

export async function getMediaInfo(projectId: string, mediaId: string, ctx: SigningContext) {
  const media = await findMedia(projectId, mediaId);
  if (!media) throw notFound("Media");
  const { url, expires } = signedUrl(ctx, "download", projectId, mediaId);
  return {
    mediaId,
    contentType: media.contentType,
    contentLength: media.contentLength,
    uploadedAt: media.uploadedAt?.toISOString() ?? null,
    url,
    urlExpiry: new Date(expires).toISOString(),
  };
}

export async function readMediaForDownload(mediaId: string, query: SignedQuery, secret: string) {
  verify(secret, "download", mediaId, query);
  const media = await readMediaContent(query.projectId, mediaId);
  if (!media?.content) throw notFound("Media");
  return { bytes: Buffer.from(media.content), contentType: media.contentType };
}

import { createHash } from "node:crypto";
import { type TMediaUploadRequest, type TMediaUploadResult, mediaIdFromSha256 } from "@loupe/contracts";
import { addMediaReference, findMedia, recordMediaUpload, upsertMediaRecord } from "@loupe/db";
import { DomainError, badRequest, conflict, notFound } from "../errors.ts";
import { type SignedQuery, type SigningContext, signMediaUrl, verifyMediaUrl } from "./signed-urls.ts";
import { type StoredMedia, mediaStore } from "./store.ts";

// Media the SDKs upload (langfuse-api.md §9). The bytes live in the configured MediaStore
// (Postgres by default, an S3-compatible bucket when LOUPE_S3_MEDIA_* is set); every lookup is by
// the caller's project, so another project's media id answers 404.

export type { SignedQuery, SigningContext } from "./signed-urls.ts";

async function mediaInProject(projectId: string, mediaId: string): Promise<StoredMedia & { uploadedAt: Date | null }> {
  const media = await findMedia(projectId, mediaId);
  if (!media) throw notFound("Media");
  return { ...media, projectId };
}

export async function requestMediaUpload(projectId: string, body: TMediaUploadRequest, ctx: SigningContext) {
  const mediaId = mediaIdFromSha256(body.sha256Hash);
  const existing = await findMedia(projectId, mediaId);
  if (existing && existing.sha256Hash !== body.sha256Hash) throw conflict("A different file with the same media id exists");
  if (body.traceId) {
    await addMediaReference({ projectId, mediaId, traceId: body.traceId, observationId: body.observationId ?? null, field: body.field });
  }
  // Already uploaded (same bytes seen before): the SDK skips the upload when uploadUrl is null.
  if (existing?.uploadedAt) return { uploadUrl: null, mediaId };
  // Not uploaded yet: the client announcing now uploads next, with its own Content-Type header, so
  // the row and the upload URL take its type (the same bytes may come as image/jpg, then image/jpeg).
  const media = { projectId, id: mediaId, sha256Hash: body.sha256Hash, contentType: body.contentType, contentLength: body.contentLength };
  await upsertMediaRecord(media);
  return { uploadUrl: await (await mediaStore()).uploadUrl(media, ctx), mediaId };
}

/** The PUT to Loupe's own signed upload URL (the Postgres store's; an S3 store refuses it). */
export async function uploadMediaContent(
  mediaId: string,
  query: SignedQuery,
  request: { contentLength: number | null; checksum: string | null; read: () => Promise<Buffer> },
  secret: string,
): Promise<void> {
  verifyMediaUrl(secret, "upload", mediaId, query);
  const media = await mediaInProject(query.projectId, mediaId);
  if (request.contentLength !== null && request.contentLength > media.contentLength) {
    throw new DomainError(413, `The upload is larger than the announced ${media.contentLength} bytes`, "PayloadTooLarge");
  }
  if (request.checksum && request.checksum !== media.sha256Hash)
    throw badRequest("x-amz-checksum-sha256 does not match the announced sha256Hash");
  const bytes = await request.read();
  if (bytes.length !== media.contentLength) throw badRequest(`Expected ${media.contentLength} bytes, received ${bytes.length}`);
  if (createHash("sha256").update(bytes).digest("base64") !== media.sha256Hash) throw badRequest("The content does not match sha256Hash");
  await (await mediaStore()).put(media, bytes);
}

const isSuccess = (status: number) => status >= 200 && status < 300;

export async function recordMediaUploadResult(projectId: string, mediaId: string, result: TMediaUploadResult): Promise<void> {
  const media = await mediaInProject(projectId, mediaId);
  // The SDK's report is not proof: the media counts as uploaded once the store holds the bytes
  // (the Postgres store marks that itself when it receives them; a bucket is asked here).
  const confirmed = !media.uploadedAt && isSuccess(result.uploadHttpStatus) && (await (await mediaStore()).has(media));
  await recordMediaUpload(projectId, mediaId, {
    uploadHttpStatus: result.uploadHttpStatus,
    uploadHttpError: result.uploadHttpError ?? null,
    ...(confirmed ? { uploadedAt: new Date() } : {}),
  });
}

export async function getMediaInfo(projectId: string, mediaId: string, ctx: SigningContext) {
  const media = await mediaInProject(projectId, mediaId);
  const { url, expires } = await (await mediaStore()).downloadUrl(media, ctx);
  return {
    mediaId,
    contentType: media.contentType,
    contentLength: media.contentLength,
    uploadedAt: media.uploadedAt?.toISOString() ?? null,
    url,
    urlExpiry: new Date(expires).toISOString(),
  };
}

/** Loupe's own download link, for the trace view: stable whatever the store, it serves the bytes or redirects. */
export function mediaDownloadLink(projectId: string, mediaId: string, ctx: SigningContext): string {
  return signMediaUrl(ctx, "download", projectId, mediaId).url;
}

/** Answers that link (and the URLs the Postgres store hands out): the bytes, or a redirect to the bucket. */
export async function readMediaForDownload(mediaId: string, query: SignedQuery, ctx: SigningContext) {
  verifyMediaUrl(ctx.secret, "download", mediaId, query);
  const media = await mediaInProject(query.projectId, mediaId);
  return { contentType: media.contentType, ...(await (await mediaStore()).open(media, ctx)) };
}

import { z } from "zod";

// POST/GET/PATCH /api/public/media (shared/langfuse-api.md §9).

export const MEDIA_CONTENT_TYPES = [
  "image/png",
  "image/jpeg",
  "image/jpg",
  "image/webp",
  "image/gif",
  "image/svg+xml",
  "image/tiff",
  "image/bmp",
  "image/avif",
  "image/heic",
  "audio/mpeg",
  "audio/mp3",
  "audio/wav",
  "audio/ogg",
  "audio/oga",
  "audio/aac",
  "audio/mp4",
  "audio/flac",
  "audio/opus",
  "audio/webm",
  "video/mp4",
  "video/webm",
  "video/ogg",
  "video/mpeg",
  "video/quicktime",
  "video/x-msvideo",
  "video/x-matroska",
  "text/plain",
  "text/html",
  "text/css",
  "text/csv",
  "text/markdown",
  "text/x-python",
  "text/x-typescript",
  "application/javascript",
  "application/x-yaml",
  "application/pdf",
  "application/msword",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/zip",
  "application/json",
  "application/xml",
  "application/octet-stream",
  "application/rtf",
  "application/x-ndjson",
  "application/vnd.apache.parquet",
  "application/gzip",
  "application/x-tar",
  "application/x-7z-compressed",
] as const;

export const ZMediaUploadRequest = z
  .object({
    traceId: z.string().min(1).max(800).optional(),
    observationId: z.string().min(1).max(800).nullish(),
    datasetId: z.string().nullish(),
    datasetItemId: z.string().nullish(),
    contentType: z.enum(MEDIA_CONTENT_TYPES, { error: "contentType is not one of the supported media types" }),
    contentLength: z
      .number()
      .int()
      .min(1)
      .max(1024 * 1024 * 1024),
    sha256Hash: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, "sha256Hash must be the base64 SHA-256 of the content"),
    field: z.enum(["input", "output", "metadata", "expectedOutput"]),
  })
  .refine((b) => Boolean(b.traceId) || Boolean(b.datasetItemId), {
    message: "Give a traceId (trace media) or a datasetItemId",
    path: ["traceId"],
  });
export type TMediaUploadRequest = z.infer<typeof ZMediaUploadRequest>;

export const ZMediaUploadResponse = z.object({ uploadUrl: z.string().nullable(), mediaId: z.string() });

export const ZMediaUploadResult = z.object({
  uploadedAt: z.iso.datetime({ offset: true }),
  uploadHttpStatus: z.number().int(),
  uploadHttpError: z.string().nullish(),
  uploadTimeMs: z.number().nullish(),
});
export type TMediaUploadResult = z.infer<typeof ZMediaUploadResult>;

export const ZMediaInfo = z.object({
  mediaId: z.string(),
  contentType: z.string(),
  contentLength: z.number().int(),
  uploadedAt: z.string().nullable(),
  url: z.string(),
  urlExpiry: z.string(),
});

/** The SDKs' media id: the first 22 characters of the URL-safe base64 SHA-256 of the content. */
export function mediaIdFromSha256(base64Sha256: string): string {
  return base64Sha256.replace(/\+/g, "-").replace(/\//g, "_").slice(0, 22);
}

/** Query of the signed upload/download URLs Loupe hands out. */
export const ZMediaSignedQuery = z.object({
  projectId: z.string().min(1),
  expires: z.coerce.number().int(),
  signature: z.string().min(1).max(200),
});

import { hasMediaContent, readMediaContent, storeMediaContent } from "@loupe/db";
import { mediaStorageEnv } from "../env.ts";
import { notFound } from "../errors.ts";
import { type SignedUrl, type SigningContext, signMediaUrl } from "./signed-urls.ts";
import type { MediaStorageConfig } from "./storage-config.ts";

/** A media row as the stores need it: content-addressed per project by the SDK's media id. */
export type StoredMedia = { projectId: string; id: string; sha256Hash: string; contentType: string; contentLength: number };

/**
 * Where media bytes live. Clients never hold credentials: they get short-lived URLs that carry the
 * authorisation, and the SDK's PATCH after its PUT is only a report, checked with `has`.
 */
export interface MediaStore {
  /** Where the SDK PUTs the bytes; bytes that differ from the announcement are refused there. */
  uploadUrl(media: StoredMedia, ctx: SigningContext): Promise<string>;
  /** Where readers GET the bytes. */
  downloadUrl(media: StoredMedia, ctx: SigningContext): Promise<SignedUrl>;
  /** Takes bytes PUT to Loupe's own upload URL, already checked against the announced hash. */
  put(media: StoredMedia, bytes: Buffer): Promise<void>;
  /** Whether the announced bytes are stored. */
  has(media: StoredMedia): Promise<boolean>;
  /** Answers Loupe's own download URL: the bytes, or where to fetch them. */
  open(media: StoredMedia, ctx: SigningContext): Promise<{ bytes: Buffer } | { redirect: string }>;
  /** Deletes stored objects of a deleted project (the project deletion job, before their rows); missing ones are fine. */
  deleteObjects(projectId: string, mediaIds: string[]): Promise<void>;
}

/** Bytes in the Media table; the URLs point at Loupe's own signed upload/download routes. */
export const postgresMediaStore: MediaStore = {
  uploadUrl: async (media, ctx) => signMediaUrl(ctx, "upload", media.projectId, media.id).url,
  downloadUrl: async (media, ctx) => signMediaUrl(ctx, "download", media.projectId, media.id),
  put: (media, bytes) => storeMediaContent(media.projectId, media.id, bytes),
  has: (media) => hasMediaContent(media.projectId, media.id),
  open: async (media) => {
    const row = await readMediaContent(media.projectId, media.id);
    if (!row?.content) throw notFound("Media");
    return { bytes: Buffer.from(row.content) };
  },
  // The bytes are the Media rows themselves, which the deletion job removes right after.
  deleteObjects: async () => {},
};

export async function createMediaStore(config: MediaStorageConfig): Promise<MediaStore> {
  if (config.kind === "postgres") return postgresMediaStore;
  // Loaded only when configured: a Postgres-only install never loads the AWS SDK.
  const { s3MediaStore } = await import("./s3-store.ts");
  return s3MediaStore(config);
}

let selected: Promise<MediaStore> | undefined;

/** The store named by LOUPE_S3_MEDIA_* (Postgres when unset), chosen once per process. */
export function mediaStore(): Promise<MediaStore> {
  selected ??= createMediaStore(mediaStorageEnv());
  return selected;
}

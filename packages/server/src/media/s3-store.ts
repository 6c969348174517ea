import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { conflict } from "../errors.ts";
import { MEDIA_URL_TTL_MS, type SigningContext } from "./signed-urls.ts";
import type { S3MediaConfig } from "./storage-config.ts";
import type { MediaStore, StoredMedia } from "./store.ts";

const DELETE_CONCURRENCY = 16;

/** Bytes in an S3-compatible bucket; SDKs and browsers talk to the bucket through presigned URLs. */
export function s3MediaStore(config: S3MediaConfig): MediaStore {
  const clientFor = (endpoint: string | undefined) =>
    new S3Client({
      region: config.region,
      endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: config.credentials,
      // Newer SDK defaults add checksum parameters of their own (x-amz-checksum-mode, CRC32) that
      // some S3-compatible stores reject; the upload URL binds the SDK's SHA-256 explicitly instead.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  const client = clientFor(config.endpoint);
  // SigV4 signs the host: URLs for clients are signed for the address clients use.
  const signer = config.externalEndpoint ? clientFor(config.externalEndpoint) : client;
  const object = (media: Pick<StoredMedia, "projectId" | "id">) => ({
    Bucket: config.bucket,
    Key: `${config.prefix}${media.projectId}/${media.id}`,
  });
  const presign = (ctx: SigningContext) => ({ expiresIn: MEDIA_URL_TTL_MS / 1000, signingDate: new Date(ctx.now ?? Date.now()) });
  const downloadUrl = async (media: StoredMedia, ctx: SigningContext) => ({
    url: await getSignedUrl(signer, new GetObjectCommand(object(media)), presign(ctx)),
    expires: (ctx.now ?? Date.now()) + MEDIA_URL_TTL_MS,
  });

  return {
    // As Langfuse does: content type and length are signed headers, and the SHA-256 stays a header
    // (not hoisted into the query) so the bucket checks the bytes against it.
    uploadUrl: (media, ctx) =>
      getSignedUrl(
        signer,
        new PutObjectCommand({
          ...object(media),
          ContentType: media.contentType,
          ContentLength: media.contentLength,
          ChecksumSHA256: media.sha256Hash,
        }),
        {
          ...presign(ctx),
          signableHeaders: new Set(["content-type", "content-length"]),
          unhoistableHeaders: new Set(["x-amz-checksum-sha256"]),
        },
      ),
    downloadUrl,
    put: async () => {
      throw conflict("Media is stored in S3: PUT the bytes to the uploadUrl that POST /api/public/media returns");
    },
    has: async (media) => {
      try {
        const head = await client.send(new HeadObjectCommand(object(media)));
        return head.ContentLength === media.contentLength;
      } catch (error) {
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
        throw error;
      }
    },
    open: async (media, ctx) => ({ redirect: (await downloadUrl(media, ctx)).url }),
    // One DeleteObject per key, a few at a time: every S3-compatible store has it (multi-object delete is
    // missing from some, e.g. GCS's XML API), and deleting a key that is not there succeeds.
    deleteObjects: async (projectId, mediaIds) => {
      const queue = [...mediaIds];
      const worker = async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift())
          await client.send(new DeleteObjectCommand(object({ projectId, id })));
      };
      await Promise.all(Array.from({ length: Math.min(DELETE_CONCURRENCY, queue.length) }, worker));
    },
  };
}

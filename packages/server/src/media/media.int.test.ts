import { createHash, randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createProjectWithKeys } from "../testing.ts";
import { getMediaInfo, readMediaForDownload, recordMediaUploadResult, requestMediaUpload, uploadMediaContent } from "./media.ts";

const ctx = { baseUrl: "http://loupe.test", secret: "media:test-secret" };
const sha = (b: Buffer) => createHash("sha256").update(b).digest("base64");
const queryOf = (url: string) => {
  const u = new URL(url);
  return {
    projectId: u.searchParams.get("projectId") ?? "",
    expires: Number(u.searchParams.get("expires")),
    signature: u.searchParams.get("signature") ?? "",
  };
};
const upload = (bytes: Buffer) => ({ contentLength: bytes.length, checksum: null, read: async () => bytes });

describe("media", () => {
  it("runs the SDK flow: announce, upload to the signed URL, read back; the same bytes are stored once", async () => {
    const { project } = await createProjectWithKeys();
    const bytes = randomBytes(2048);
    const request = {
      traceId: randomUUID(),
      contentType: "image/png" as const,
      contentLength: bytes.length,
      sha256Hash: sha(bytes),
      field: "input" as const,
    };
    const first = await requestMediaUpload(project.id, request, ctx);
    expect(first.mediaId).toBe(sha(bytes).replace(/\+/g, "-").replace(/\//g, "_").slice(0, 22));
    expect(first.uploadUrl).toMatch(new RegExp(`^http://loupe.test/api/public/media/${first.mediaId}/upload\\?`));
    // A PATCH that reports success is not proof: without the bytes the media stays un-uploaded.
    await recordMediaUploadResult(project.id, first.mediaId, { uploadedAt: new Date().toISOString(), uploadHttpStatus: 200 });
    expect((await getMediaInfo(project.id, first.mediaId, ctx)).uploadedAt).toBeNull();
    await uploadMediaContent(first.mediaId, queryOf(first.uploadUrl ?? ""), upload(bytes), ctx.secret);

    expect((await requestMediaUpload(project.id, request, ctx)).uploadUrl).toBeNull();
    const info = await getMediaInfo(project.id, first.mediaId, ctx);
    expect(info).toMatchObject({ mediaId: first.mediaId, contentType: "image/png", contentLength: 2048 });
    const downloaded = await readMediaForDownload(first.mediaId, queryOf(info.url), ctx);
    expect("bytes" in downloaded && downloaded.bytes.equals(bytes)).toBe(true);
  });

  it("rejects tampered, expired or mismatching uploads and other projects' media", async () => {
    const { project } = await createProjectWithKeys();
    const other = await createProjectWithKeys();
    const bytes = randomBytes(100);
    const req = {
      traceId: randomUUID(),
      contentType: "audio/wav" as const,
      contentLength: 100,
      sha256Hash: sha(bytes),
      field: "output" as const,
    };
    const { mediaId, uploadUrl } = await requestMediaUpload(project.id, req, ctx);
    const q = queryOf(uploadUrl ?? "");
    await expect(
      uploadMediaContent(mediaId, { ...q, signature: `${q.signature.slice(0, -2)}xx` }, upload(bytes), ctx.secret),
    ).rejects.toMatchObject({ status: 403 });
    await expect(uploadMediaContent(mediaId, { ...q, projectId: other.project.id }, upload(bytes), ctx.secret)).rejects.toMatchObject({
      status: 403,
    });
    await expect(uploadMediaContent(mediaId, q, upload(randomBytes(100)), ctx.secret)).rejects.toMatchObject({ status: 400 });
    await expect(uploadMediaContent(mediaId, q, upload(randomBytes(101)), ctx.secret)).rejects.toMatchObject({ status: 413 });
    const expired = (await requestMediaUpload(project.id, req, { ...ctx, now: Date.now() - 2 * 3600_000 })).uploadUrl ?? "";
    await expect(uploadMediaContent(mediaId, queryOf(expired), upload(bytes), ctx.secret)).rejects.toMatchObject({ status: 403 });
    await expect(getMediaInfo(other.project.id, mediaId, ctx)).rejects.toMatchObject({ status: 404 });
  });
});

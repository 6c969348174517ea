import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { markProjectDeleted } from "@loupe/db";
import { deleteProjectData, mediaDownloadLink } from "@loupe/server";
import { createProjectWithKeys } from "@loupe/server/testing";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mediaSigning } from "@/lib/server/media-signing";
import * as mediaIdRoute from "./[mediaId]/route";
import * as downloadRoute from "./[mediaId]/download/route";
import * as uploadRoute from "./[mediaId]/upload/route";
import * as mediaRoute from "./route";

// The SDK's media flow against Loupe's real route handlers (served over loopback HTTP) with the S3
// store, and a real S3-protocol server holding the bytes.
//
// Why @20minutes/s3rver and not `s3rver`: s3rver 3.7.1 (its last release) never checks SigV4
// signatures; it accepted a tampered signature, a wrong content type, a wrong checksum header and
// an oversized body alike. This maintained fork (same code, same API) verifies them, so the upload
// URL's bindings are really tested. Neither hashes the body against x-amz-checksum-sha256: bytes
// that differ from an honestly sent checksum header are left to the real bucket (S3 answers 400
// BadDigest), and are not tested here.

type S3rverApp = { run(): Promise<AddressInfo>; close(): Promise<void>; callback(): http.RequestListener };
const S3rver = createRequire(import.meta.url)("@20minutes/s3rver") as new (options: Record<string, unknown>) => S3rverApp;

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: [RegExp, Record<string, unknown>][] = [
  [/^\/api\/public\/media$/, mediaRoute],
  [/^\/api\/public\/media\/([^/]+)$/, mediaIdRoute],
  [/^\/api\/public\/media\/([^/]+)\/upload$/, uploadRoute],
  [/^\/api\/public\/media\/([^/]+)\/download$/, downloadRoute],
];

/** Loupe's media routes over HTTP, so the test makes exactly the requests an SDK makes. */
function serveMediaRoutes(): http.Server {
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const route = ROUTES.find(([pattern]) => pattern.test(url.pathname));
    const handler = route?.[1][req.method ?? "GET"] as Handler | undefined;
    if (!route || !handler) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const mediaId = route[0].exec(url.pathname)?.[1];
    const params: Record<string, string> = mediaId ? { mediaId: decodeURIComponent(mediaId) } : {};
    const response = await handler(
      new NextRequest(url, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      }),
      { params: Promise.resolve(params) },
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
}

const listen = (server: http.Server, host: string) =>
  new Promise<string>((resolve) => server.listen(0, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`)));
const close = (server: http.Server) => new Promise((resolve) => server.close(resolve));

const BUCKET = "loupe-media";

let s3: S3rverApp;
let s3Dir: string;
let externalS3: http.Server;
let external: string;
let loupeServer: http.Server;
let loupe: string;
let savedPublicUrl: string | undefined;

beforeAll(async () => {
  s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), "loupe-s3-"));
  s3 = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET }] });
  const { port } = await s3.run();
  // The same bucket on a second loopback address: Loupe reaches the store at one address (like
  // http://minio:9000 inside compose), SDKs and browsers at another, and SigV4 signs the host.
  externalS3 = http.createServer(s3.callback());
  external = await listen(externalS3, "127.0.0.2");
  Object.assign(process.env, {
    LOUPE_S3_MEDIA_BUCKET: BUCKET,
    LOUPE_S3_MEDIA_REGION: "us-east-1",
    LOUPE_S3_MEDIA_ENDPOINT: `http://127.0.0.1:${port}`,
    LOUPE_S3_MEDIA_EXTERNAL_ENDPOINT: external,
    LOUPE_S3_MEDIA_ACCESS_KEY_ID: "S3RVER",
    LOUPE_S3_MEDIA_SECRET_ACCESS_KEY: "S3RVER",
    LOUPE_S3_MEDIA_FORCE_PATH_STYLE: "true",
    LOUPE_S3_MEDIA_PREFIX: "media/",
  });
  loupeServer = serveMediaRoutes();
  loupe = await listen(loupeServer, "127.0.0.1");
  // Loupe's own links use its public URL (npm test passes the one `npm start` would serve on).
  savedPublicUrl = process.env.NEXTAUTH_URL;
  process.env.NEXTAUTH_URL = loupe;
});

afterAll(async () => {
  for (const name of Object.keys(process.env)) if (name.startsWith("LOUPE_S3_MEDIA_")) delete process.env[name];
  if (savedPublicUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = savedPublicUrl;
  await Promise.all([loupeServer && close(loupeServer), externalS3 && close(externalS3)]);
  await s3?.close();
  fs.rmSync(s3Dir, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("base64");

async function announce(basic: string, bytes: Buffer, contentType = "image/png", contentLength = bytes.length) {
  const response = await fetch(`${loupe}/api/public/media`, {
    method: "POST",
    headers: { authorization: basic, "content-type": "application/json" },
    body: JSON.stringify({ traceId: randomUUID(), contentType, contentLength, sha256Hash: sha256(bytes), field: "input" }),
  });
  return { status: response.status, body: (await response.json()) as { uploadUrl: string | null; mediaId: string; message?: string } };
}

/** What @langfuse/core's media upload sends. */
const putBytes = (uploadUrl: string, bytes: Buffer, headers: Record<string, string>) =>
  fetch(uploadUrl, { method: "PUT", body: new Uint8Array(bytes), headers: { "x-ms-blob-type": "BlockBlob", ...headers } });

const reportUpload = (basic: string, mediaId: string, uploadHttpStatus: number) =>
  fetch(`${loupe}/api/public/media/${mediaId}`, {
    method: "PATCH",
    headers: { authorization: basic, "content-type": "application/json" },
    body: JSON.stringify({ uploadedAt: new Date().toISOString(), uploadHttpStatus, uploadTimeMs: 12 }),
  });

const mediaInfo = async (basic: string, mediaId: string) => {
  const response = await fetch(`${loupe}/api/public/media/${mediaId}`, { headers: { authorization: basic } });
  return { status: response.status, body: await response.json() };
};

describe("media in an S3-compatible bucket", () => {
  it("runs the SDK flow: announce, PUT to the presigned URL, report, read back through the bucket", async () => {
    const { project, basic } = await createProjectWithKeys();
    const bytes = randomBytes(5000);

    const created = await announce(basic, bytes);
    expect(created.status).toBe(200);
    const { uploadUrl, mediaId } = created.body;
    expect(mediaId).toBe(sha256(bytes).replace(/\+/g, "-").replace(/\//g, "_").slice(0, 22));
    // Straight to the bucket, at the address clients use, under the prefix and the project.
    const signed = new URL(uploadUrl ?? "");
    expect(`${signed.origin}${signed.pathname}`).toBe(`${external}/${BUCKET}/media/${project.id}/${mediaId}`);
    expect(signed.searchParams.get("X-Amz-SignedHeaders")?.split(";")).toEqual(
      expect.arrayContaining(["content-length", "content-type", "host", "x-amz-checksum-sha256"]),
    );
    expect(signed.searchParams.has("x-amz-checksum-sha256")).toBe(false);

    const put = await putBytes(signed.toString(), bytes, { "content-type": "image/png", "x-amz-checksum-sha256": sha256(bytes) });
    expect(put.status).toBe(200);
    expect((await reportUpload(basic, mediaId, put.status)).status).toBe(204);

    const info = await mediaInfo(basic, mediaId);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ mediaId, contentType: "image/png", contentLength: 5000, uploadedAt: expect.any(String) });
    expect(info.body.url.startsWith(`${external}/${BUCKET}/media/${project.id}/${mediaId}?`)).toBe(true);
    expect(Date.parse(info.body.urlExpiry) - Date.now()).toBeGreaterThan(59 * 60_000);
    const download = await fetch(info.body.url);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);

    // The trace view's link goes through Loupe, which redirects to a fresh presigned URL.
    const link = mediaDownloadLink(project.id, mediaId, mediaSigning(new NextRequest(loupe)));
    const redirect = await fetch(link, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")?.startsWith(`${external}/${BUCKET}/`)).toBe(true);
    expect(Buffer.from(await (await fetch(link)).arrayBuffer()).equals(bytes)).toBe(true);
    const forged = await fetch(link.replace(`projectId=${project.id}`, `projectId=${randomUUID()}`), { redirect: "manual" });
    expect(forged.status).toBe(403);

    // The same bytes again: nothing to upload.
    expect((await announce(basic, bytes)).body).toEqual({ uploadUrl: null, mediaId });
  });

  it("lets the bucket refuse uploads that do not match what was announced", async () => {
    const { basic } = await createProjectWithKeys();
    const bytes = randomBytes(1000);
    const { uploadUrl, mediaId } = (await announce(basic, bytes)).body;
    const url = uploadUrl ?? "";
    const good = { "content-type": "image/png", "x-amz-checksum-sha256": sha256(bytes) };

    const wrongType = await putBytes(url, bytes, { ...good, "content-type": "text/html" });
    expect(wrongType.status).toBe(403);
    expect(await wrongType.text()).toContain("SignatureDoesNotMatch");
    const other = randomBytes(1000);
    expect((await putBytes(url, other, { ...good, "x-amz-checksum-sha256": sha256(other) })).status).toBe(403);
    expect((await putBytes(url, bytes, { "content-type": "image/png" })).status).toBe(403);
    expect((await putBytes(url, randomBytes(1001), good)).status).toBe(403);

    // An SDK that reports success anyway does not make the media count as uploaded.
    expect((await reportUpload(basic, mediaId, 200)).status).toBe(204);
    expect((await mediaInfo(basic, mediaId)).body.uploadedAt).toBeNull();
    expect((await announce(basic, bytes)).body.uploadUrl).toEqual(expect.any(String));

    // The honest upload still goes through afterwards.
    expect((await putBytes(url, bytes, good)).status).toBe(200);
    expect((await reportUpload(basic, mediaId, 200)).status).toBe(204);
    expect((await mediaInfo(basic, mediaId)).body.uploadedAt).toEqual(expect.any(String));
  });

  it("binds the upload to the latest announcement of bytes not uploaded yet", async () => {
    const { basic } = await createProjectWithKeys();
    const bytes = randomBytes(300);
    await announce(basic, bytes, "image/jpeg");
    const { uploadUrl, mediaId } = (await announce(basic, bytes, "image/jpg")).body;
    const put = await putBytes(uploadUrl ?? "", bytes, { "content-type": "image/jpg", "x-amz-checksum-sha256": sha256(bytes) });
    expect(put.status).toBe(200);
    await reportUpload(basic, mediaId, put.status);
    expect((await mediaInfo(basic, mediaId)).body).toMatchObject({ contentType: "image/jpg", uploadedAt: expect.any(String) });
  });

  it("rejects oversized and unsupported announcements, and other projects' media ids", async () => {
    const { basic } = await createProjectWithKeys();
    const other = await createProjectWithKeys();
    const bytes = randomBytes(10);

    const oversized = await announce(basic, bytes, "image/png", 1024 * 1024 * 1024 + 1);
    expect(oversized.status).toBe(400);
    expect(JSON.stringify(oversized.body)).toContain("contentLength");
    const unsupported = await announce(basic, bytes, "application/x-msdownload");
    expect(unsupported.status).toBe(400);
    expect(JSON.stringify(unsupported.body)).toContain("contentType");

    const { mediaId } = (await announce(basic, bytes)).body;
    expect((await mediaInfo(other.basic, mediaId)).status).toBe(404);
    expect((await reportUpload(other.basic, mediaId, 200)).status).toBe(404);
    expect((await mediaInfo(basic, mediaId)).status).toBe(200);
  });

  it("deletes a deleted project's objects from the bucket with its data, and no other project's", async () => {
    const doomed = await createProjectWithKeys();
    const kept = await createProjectWithKeys();
    /** Uploads bytes the SDK's way and returns a presigned GET URL of the object (valid an hour). */
    const upload = async (basic: string) => {
      const bytes = randomBytes(2000);
      const { uploadUrl, mediaId } = (await announce(basic, bytes)).body;
      const put = await putBytes(uploadUrl ?? "", bytes, { "content-type": "image/png", "x-amz-checksum-sha256": sha256(bytes) });
      expect(put.status).toBe(200);
      await reportUpload(basic, mediaId, put.status);
      return (await mediaInfo(basic, mediaId)).body.url as string;
    };
    const doomedUrls = [await upload(doomed.basic), await upload(doomed.basic)];
    const keptUrl = await upload(kept.basic);
    for (const url of [...doomedUrls, keptUrl]) expect((await fetch(url)).status).toBe(200);

    expect(await markProjectDeleted(doomed.organization.id, doomed.project.id)).toBe(true);
    expect(await deleteProjectData(doomed.project.id)).toMatchObject({ removed: true });
    for (const url of doomedUrls) expect((await fetch(url)).status).toBe(404);
    expect((await fetch(keptUrl)).status).toBe(200);
  });
});

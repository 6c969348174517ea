import { createHash, randomBytes, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { basicAuth } from "./helpers";

test("media: announce, upload without credentials to the signed URL, then read it back", async ({ request }) => {
  const bytes = randomBytes(4096);
  const sha256Hash = createHash("sha256").update(bytes).digest("base64");
  const headers = { authorization: basicAuth() };
  const created = await request.post("/api/public/media", {
    headers,
    data: { traceId: randomUUID(), contentType: "image/png", contentLength: bytes.length, sha256Hash, field: "input" },
  });
  expect(created.status()).toBe(200);
  const { uploadUrl, mediaId } = await created.json();
  expect(mediaId).toHaveLength(22);

  const put = await request.put(uploadUrl, { data: bytes, headers: { "content-type": "image/png", "x-amz-checksum-sha256": sha256Hash } });
  expect(put.status()).toBe(200);
  const patched = await request.patch(`/api/public/media/${mediaId}`, {
    headers,
    data: { uploadedAt: new Date().toISOString(), uploadHttpStatus: 200 },
  });
  expect(patched.status()).toBe(204);

  const info = await (await request.get(`/api/public/media/${mediaId}`, { headers })).json();
  expect(info).toMatchObject({ mediaId, contentType: "image/png", contentLength: 4096, uploadedAt: expect.any(String) });
  const download = await request.get(info.url);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-security-policy"]).toContain("sandbox");
  expect(Buffer.from(await download.body()).equals(bytes)).toBe(true);

  const forged = await request.get(info.url.replace(/signature=[^&]+/, "signature=forged"));
  expect(forged.status()).toBe(403);
});

test("media: unsupported content types and missing auth are rejected clearly", async ({ request }) => {
  const body = {
    traceId: randomUUID(),
    contentType: "application/x-msdownload",
    contentLength: 1,
    sha256Hash: `${"A".repeat(43)}=`,
    field: "input",
  };
  const bad = await request.post("/api/public/media", { headers: { authorization: basicAuth() }, data: body });
  expect(bad.status()).toBe(400);
  expect(JSON.stringify(await bad.json())).toContain("contentType");
  const anon = await request.post("/api/public/media", { data: { ...body, contentType: "image/png" } });
  expect(anon.status()).toBe(401);
});

import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { basicAuth } from "./helpers";

test.describe("public API", () => {
  test("health answers without auth", async ({ request }) => {
    const res = await request.get("/api/public/health");
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ status: "OK", version: expect.any(String) });
  });

  test("ingestion rejects missing and wrong credentials with 401", async ({ request }) => {
    const none = await request.post("/api/public/ingestion", { data: { batch: [] } });
    expect(none.status()).toBe(401);
    expect(await none.json()).toEqual({ error: "UnauthorizedError", message: "No authorization header" });
    const wrong = await request.post("/api/public/ingestion", {
      data: { batch: [] },
      headers: { authorization: basicAuth("pk-lf-e2e-public-key", "sk-lf-wrong") },
    });
    expect(wrong.status()).toBe(401);
    expect((await wrong.json()).message).toContain("Invalid credentials");
  });

  test("ingestion answers 400 with a reason for malformed bodies", async ({ request }) => {
    const headers = { authorization: basicAuth(), "content-type": "application/json" };
    const notJson = await request.post("/api/public/ingestion", { data: Buffer.from("{not json"), headers });
    expect(notJson.status()).toBe(400);
    expect((await notJson.json()).message).toContain("not valid JSON");
    const noBatch = await request.post("/api/public/ingestion", { data: { events: [] }, headers });
    expect(noBatch.status()).toBe(400);
    expect(await noBatch.json()).toMatchObject({ message: "Invalid request data" });
  });

  test("ingestion answers 413 for bodies over the limit", async ({ request }) => {
    const big = {
      batch: [{ id: "x", type: "trace-create", timestamp: new Date().toISOString(), body: { id: "x", input: "a".repeat(5_000_000) } }],
    };
    const res = await request.post("/api/public/ingestion", { data: big, headers: { authorization: basicAuth() } });
    expect(res.status()).toBe(413);
    expect((await res.json()).message).toContain("larger than the limit");
  });

  test("ingestion answers 207 with per-event results", async ({ request }) => {
    const good = { id: randomUUID(), type: "trace-create", timestamp: new Date().toISOString(), body: { id: randomUUID() } };
    const bad = { id: "bad-1", type: "span-create", timestamp: "not a date", body: { id: "s" } };
    const res = await request.post("/api/public/ingestion", { data: { batch: [good, bad] }, headers: { authorization: basicAuth() } });
    expect(res.status()).toBe(207);
    const body = await res.json();
    expect(body.successes).toEqual([{ id: good.id, status: 201 }]);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ id: "bad-1", status: 400, message: "Invalid request data" });
  });

  test("metrics query API answers over HTTP and explains bad queries", async ({ request }) => {
    const headers = { authorization: basicAuth() };
    const query = {
      view: "observations",
      metrics: [{ measure: "count", aggregation: "count" }],
      dimensions: [{ field: "type" }],
      fromTimestamp: new Date(Date.now() - 86_400_000).toISOString(),
      toTimestamp: new Date(Date.now() + 60_000).toISOString(),
    };
    const ok = await request.get(`/api/public/v2/metrics?query=${encodeURIComponent(JSON.stringify(query))}`, { headers });
    expect(ok.status()).toBe(200);
    expect(Array.isArray((await ok.json()).data)).toBe(true);
    const bad = await request.get(`/api/public/metrics?query=${encodeURIComponent("{not json")}`, { headers });
    expect(bad.status()).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("not valid JSON");
  });

  test("internal API requires a session", async ({ request }) => {
    const res = await request.get("/api/internal/projects/anything/traces");
    expect(res.status()).toBe(401);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
  });
});

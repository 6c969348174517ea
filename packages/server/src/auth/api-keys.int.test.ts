import { revokeApiKey } from "@loupe/db";
import { describe, expect, it } from "vitest";
import { createProjectWithKeys, TEST_AUDIT } from "../testing.ts";
import { revokeProjectApiKey } from "../projects/project-api-keys.ts";
import { ApiKeyCache, clearApiKeyCache, verifyAuthorizationHeader } from "./api-keys.ts";

describe("API key authentication", () => {
  it("accepts Basic public:secret with the project scope", async () => {
    const k = await createProjectWithKeys();
    expect(await verifyAuthorizationHeader(k.basic)).toMatchObject({ ok: true, projectId: k.project.id, scope: "project" });
  });

  it("gives Bearer <public key> only the scores scope", async () => {
    const k = await createProjectWithKeys();
    expect(await verifyAuthorizationHeader(k.bearer)).toMatchObject({ ok: true, projectId: k.project.id, scope: "scores" });
  });

  it("rejects missing, malformed and wrong credentials with Langfuse's messages", async () => {
    const k = await createProjectWithKeys();
    const wrongSecret = `Basic ${Buffer.from(`${k.publicKey}:sk-lf-wrong`).toString("base64")}`;
    const otherKeysSecret = await createProjectWithKeys();
    const mixed = `Basic ${Buffer.from(`${k.publicKey}:${otherKeysSecret.secretKey}`).toString("base64")}`;
    expect(await verifyAuthorizationHeader(undefined)).toEqual({ ok: false, status: 401, message: "No authorization header" });
    expect(await verifyAuthorizationHeader("Basic")).toEqual({ ok: false, status: 401, message: "Invalid authorization header" });
    expect(await verifyAuthorizationHeader("Token abc")).toEqual({ ok: false, status: 401, message: "Invalid authorization header" });
    for (const header of [wrongSecret, mixed]) {
      expect(await verifyAuthorizationHeader(header)).toMatchObject({ ok: false, message: expect.stringContaining("Invalid credentials") });
    }
    expect(await verifyAuthorizationHeader("Bearer pk-lf-nope")).toMatchObject({
      ok: false,
      message: expect.stringContaining("Invalid public key"),
    });
  });

  it("stops accepting a revoked key", async () => {
    const k = await createProjectWithKeys();
    const keyRow = await import("@loupe/db").then((db) => db.findApiKeyByPublicKey(k.publicKey));
    expect(await verifyAuthorizationHeader(k.basic)).toMatchObject({ ok: true });
    await revokeApiKey(k.project.id, keyRow?.id ?? "");
    clearApiKeyCache();
    expect(await verifyAuthorizationHeader(k.basic)).toMatchObject({ ok: false, status: 401 });
  });

  it("answers an expired key while one read refreshes it, and waits for the database once the key is too old", async () => {
    const k = await createProjectWithKeys();
    const keyRow = await import("@loupe/db").then((db) => db.findApiKeyByPublicKey(k.publicKey));
    const swr = new ApiKeyCache(50, 10_000);
    const strict = new ApiKeyCache(50, 0);
    try {
      expect(await verifyAuthorizationHeader(k.basic, swr)).toMatchObject({ ok: true });
      expect(await verifyAuthorizationHeader(k.basic, strict)).toMatchObject({ ok: true });
      await new Promise((resolve) => setTimeout(resolve, 80));
      // Revoked in the database without the announcement (Redis lost it): only the TTL ends it.
      await revokeApiKey(k.project.id, keyRow?.id ?? "");
      // The burst right after expiry is answered from the stale entry, without waiting for the database…
      const burst = await Promise.all(Array.from({ length: 20 }, () => verifyAuthorizationHeader(k.basic, swr)));
      expect(burst.every((a) => a.ok)).toBe(true);
      // …while the one read it started refreshes the entry: the next lookups see the revocation.
      let answer = await verifyAuthorizationHeader(k.basic, swr);
      for (let i = 0; answer.ok && i < 50; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        answer = await verifyAuthorizationHeader(k.basic, swr);
      }
      expect(answer).toMatchObject({ ok: false, status: 401 });
      // Past its stale window an entry is not answered: the lookup waits for the database.
      expect(await verifyAuthorizationHeader(k.basic, strict)).toMatchObject({ ok: false, status: 401 });
    } finally {
      swr.close();
      strict.close();
    }
  });

  it("a key revoked through one web process stops working on every process within a second", async () => {
    const k = await createProjectWithKeys();
    const keyRow = await import("@loupe/db").then((db) => db.findApiKeyByPublicKey(k.publicKey));
    // Two processes' caches, each warm with the key (before: each kept it 5 s after a revocation).
    const [a, b] = [new ApiKeyCache(), new ApiKeyCache()];
    try {
      expect(await verifyAuthorizationHeader(k.basic, a)).toMatchObject({ ok: true });
      expect(await verifyAuthorizationHeader(k.basic, b)).toMatchObject({ ok: true });
      await Promise.all([a.listening, b.listening]);

      await revokeProjectApiKey(k.project.id, keyRow?.id ?? "", TEST_AUDIT);
      const started = Date.now();
      let answer = await verifyAuthorizationHeader(k.basic, b);
      while (answer.ok && Date.now() - started < 1_000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        answer = await verifyAuthorizationHeader(k.basic, b);
      }
      expect(answer).toMatchObject({ ok: false, status: 401 });
      expect(await verifyAuthorizationHeader(k.basic, a)).toMatchObject({ ok: false, status: 401 });
    } finally {
      a.close();
      b.close();
    }
  });
});

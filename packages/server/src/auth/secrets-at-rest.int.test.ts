import { randomUUID } from "node:crypto";
import { prisma } from "@loupe/db";
import { describe, expect, it } from "vitest";
import { signUpWithPassword } from "../projects/accounts.ts";
import { createProjectApiKey } from "../projects/project-api-keys.ts";
import { createProjectWithKeys, TEST_AUDIT } from "../testing.ts";
import { verifyAuthorizationHeader } from "./api-keys.ts";
import { verifyPassword } from "./passwords.ts";

// docs/security.md "Secrets at rest": what the database holds for API keys and passwords is a hash
// that still verifies, never the secret itself.
describe("secrets at rest", () => {
  it("stores an API key's secret as a SHA-256 hash only, and the hash still authenticates", async () => {
    const { project } = await createProjectWithKeys();
    const created = await createProjectApiKey(project.id, { note: "ci" }, TEST_AUDIT);
    const row = await prisma.apiKey.findFirstOrThrow({ where: { publicKey: created.publicKey } });
    expect(JSON.stringify(row)).not.toContain(created.secretKey);
    expect(row.hashedSecretKey).toMatch(/^[0-9a-f]{64}$/);
    const basic = `Basic ${Buffer.from(`${created.publicKey}:${created.secretKey}`).toString("base64")}`;
    expect(await verifyAuthorizationHeader(basic)).toMatchObject({ ok: true, projectId: project.id });
  });

  it("stores a password as a salted scrypt hash: two users with one password get different hashes", async () => {
    const password = `pw-${randomUUID()}`;
    const a = await signUpWithPassword({ email: `a-${randomUUID()}@loupe.test`, password });
    const b = await signUpWithPassword({ email: `b-${randomUUID()}@loupe.test`, password });
    const [ra, rb] = await Promise.all([a, b].map((u) => prisma.user.findUniqueOrThrow({ where: { id: u.id } })));
    expect(JSON.stringify(ra)).not.toContain(password);
    expect(ra?.passwordHash).not.toBe(rb?.passwordHash);
    expect(await verifyPassword(password, ra?.passwordHash ?? "")).toBe(true);
    expect(await verifyPassword(`${password}x`, ra?.passwordHash ?? "")).toBe(false);
  });
});

import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createUser } from "@loupe/db";
import { testPrisma } from "@loupe/db/testing";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateWithPassword } from "../projects/accounts.ts";
import { createProjectWithKeys, TEST_AUDIT } from "../testing.ts";
import { createPasswordResetLink, PASSWORD_RESET_SENT, requestPasswordResetByEmail, resetPasswordWithToken } from "./password-reset.ts";
import { hashPassword } from "./passwords.ts";

// A real SMTP server on loopback (the smtp-server package) receives what nodemailer sends.
const inbox: { to: string; body: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    let body = "";
    stream.on("data", (chunk) => {
      body += chunk;
    });
    stream.on("end", () => {
      inbox.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), body });
      callback();
    });
  },
});
const BASE = "https://loupe.example";
const OLD = "old-password-123";
const saved = {
  url: process.env.SMTP_CONNECTION_URL,
  from: process.env.EMAIL_FROM_ADDRESS,
  sso: process.env.AUTH_DOMAINS_WITH_SSO_ENFORCEMENT,
};

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_CONNECTION_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.EMAIL_FROM_ADDRESS = "loupe@loupe.example";
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  for (const [key, value] of [
    ["SMTP_CONNECTION_URL", saved.url],
    ["EMAIL_FROM_ADDRESS", saved.from],
    ["AUTH_DOMAINS_WITH_SSO_ENFORCEMENT", saved.sso],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

async function newUser(domain = "loupe.test") {
  const email = `reset-${randomUUID().slice(0, 8)}@${domain}`;
  const user = await createUser({ email, passwordHash: await hashPassword(OLD) });
  return { ...user, email };
}
const mailTo = (email: string) => inbox.filter((m) => m.to === email);
// Mail bodies are quoted-printable: soft line breaks and "=3D" for "=".
const tokenIn = (body: string) =>
  /reset-password\?token=([A-Za-z0-9_-]+)/.exec(body.replace(/=\r?\n/g, "").replace(/=3D/g, "="))?.[1] as string;

describe("password reset by email (SMTP_CONNECTION_URL, EMAIL_FROM_ADDRESS)", () => {
  it("mails a one-time link; the new password works, the old one and every session end, the link works once", async () => {
    const user = await newUser();
    expect(await requestPasswordResetByEmail(user.email, BASE)).toEqual({ message: PASSWORD_RESET_SENT });
    const [mail] = mailTo(user.email);
    expect(mail?.body).toContain(`${BASE}/auth/reset-password?token=`);
    const token = tokenIn(mail?.body ?? "");

    expect(await resetPasswordWithToken(token, "brand-new-password")).toEqual({ email: user.email });
    expect(await authenticateWithPassword(user.email, "brand-new-password", "10.1.2.3")).toMatchObject({ ok: true });
    expect(await authenticateWithPassword(user.email, OLD, "10.1.2.3")).toMatchObject({ ok: false });
    expect((await testPrisma.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(user.sessionVersion + 1);
    await expect(resetPasswordWithToken(token, "another-password")).rejects.toMatchObject({ status: 400 });
  });

  it("answers the same for an unknown address and an SSO-enforced one, and mails neither", async () => {
    process.env.AUTH_DOMAINS_WITH_SSO_ENFORCEMENT = "corp.example";
    const enforced = await newUser("corp.example");
    const unknown = `nobody-${randomUUID().slice(0, 8)}@loupe.test`;
    expect(await requestPasswordResetByEmail(unknown, BASE)).toEqual({ message: PASSWORD_RESET_SENT });
    expect(await requestPasswordResetByEmail(enforced.email, BASE)).toEqual({ message: PASSWORD_RESET_SENT });
    expect(mailTo(unknown).length + mailTo(enforced.email).length).toBe(0);
    delete process.env.AUTH_DOMAINS_WITH_SSO_ENFORCEMENT;
  });

  it("sends at most one mail a minute per account, and a newer link replaces the older", async () => {
    const user = await newUser();
    await requestPasswordResetByEmail(user.email, BASE);
    await requestPasswordResetByEmail(user.email, BASE);
    expect(mailTo(user.email)).toHaveLength(1);
  });
});

describe("reset link made by an organization admin", () => {
  it("is made for members of an organization the admin administers, and nobody else", async () => {
    const { organization } = await createProjectWithKeys();
    const admin = await newUser();
    const member = await newUser();
    const stranger = await newUser();
    await testPrisma.organizationMembership.createMany({
      data: [
        { organizationId: organization.id, userId: admin.id, role: "ADMIN" },
        { organizationId: organization.id, userId: member.id, role: "VIEWER" },
      ],
    });
    await expect(createPasswordResetLink(member.id, admin.email, BASE, TEST_AUDIT)).rejects.toMatchObject({ status: 404 });
    await expect(createPasswordResetLink(admin.id, stranger.email, BASE, TEST_AUDIT)).rejects.toMatchObject({ status: 404 });

    const link = await createPasswordResetLink(admin.id, member.email, BASE, TEST_AUDIT);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000);
    // Audited for the organization, without the link (a bearer secret); the refused attempts left no row.
    const audited = await testPrisma.auditLog.findMany({ where: { organizationId: organization.id } });
    expect(audited.map((r) => [r.action, r.resourceId])).toEqual([["user.passwordResetLinkCreated", member.id]]);
    expect(JSON.stringify(audited.map((r) => [r.before, r.after]))).not.toContain(tokenIn(link.url));
    await resetPasswordWithToken(tokenIn(link.url), "set-by-link-123");
    expect(await authenticateWithPassword(member.email, "set-by-link-123", "10.1.2.4")).toMatchObject({ ok: true });
  });
});

import { randomUUID } from "node:crypto";
import { createUser } from "@loupe/db";
import { testPrisma } from "@loupe/db/testing";
import { afterEach, describe, expect, it } from "vitest";
import { createProjectWithKeys } from "../testing.ts";
import { authenticateWithPassword, signUpWithPassword } from "../projects/accounts.ts";
import { hashPassword } from "./passwords.ts";
import { applySsoGroupRoles, createUserFromSso, refuseSsoSignIn } from "./sso-users.ts";

const PASSWORD = "correct-horse-battery";
const saved = { ...process.env };
afterEach(() => {
  for (const key of [
    "AUTH_DOMAINS_WITH_SSO_ENFORCEMENT",
    "AUTH_DISABLE_USERNAME_PASSWORD",
    "AUTH_DISABLE_SIGNUP",
    "AUTH_SSO_GROUP_ROLES",
    "AUTH_SSO_GROUPS_CLAIM",
  ]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});
const email = (domain = "loupe.test") => `sso-${randomUUID().slice(0, 8)}@${domain}`;

describe("password policy (AUTH_DOMAINS_WITH_SSO_ENFORCEMENT, AUTH_DISABLE_USERNAME_PASSWORD)", () => {
  it("refuses password sign-in and sign-up for an enforced domain, whatever its case, saying to use SSO", async () => {
    process.env.AUTH_DOMAINS_WITH_SSO_ENFORCEMENT = "Acme.Example";
    const user = email("ACME.example");
    await createUser({ email: user, passwordHash: await hashPassword(PASSWORD) });
    // The right password still does not get in.
    expect(await authenticateWithPassword(user, PASSWORD, "10.9.9.9")).toMatchObject({
      ok: false,
      refused: true,
      message: expect.stringMatching(/Use SSO/),
    });
    await expect(signUpWithPassword({ email: email("acme.example"), password: PASSWORD, name: "" })).rejects.toMatchObject({
      status: 403,
      message: expect.stringMatching(/single sign-on \(SSO\)/),
    });
    // Other domains are untouched.
    const other = email();
    await createUser({ email: other, passwordHash: await hashPassword(PASSWORD) });
    expect(await authenticateWithPassword(other, PASSWORD, "10.9.9.9")).toMatchObject({ ok: true });
  });

  it("refuses every password when passwords are off", async () => {
    const user = email();
    await createUser({ email: user, passwordHash: await hashPassword(PASSWORD) });
    process.env.AUTH_DISABLE_USERNAME_PASSWORD = "true";
    expect(await authenticateWithPassword(user, PASSWORD, "10.9.9.8")).toMatchObject({ ok: false, refused: true });
    await expect(signUpWithPassword({ email: email(), password: PASSWORD, name: "" })).rejects.toMatchObject({ status: 403 });
  });
});

describe("AUTH_DISABLE_SIGNUP", () => {
  it("refuses new accounts through sign-up and SSO, but lets existing people sign in through SSO", async () => {
    process.env.AUTH_DISABLE_SIGNUP = "true";
    const fresh = email();
    await expect(signUpWithPassword({ email: fresh, password: PASSWORD, name: "" })).rejects.toMatchObject({ status: 403 });
    expect((await refuseSsoSignIn({ email: fresh, linkedUserId: null }))?.code).toBe("SignupDisabled");
    await expect(createUserFromSso({ email: fresh })).rejects.toMatchObject({ code: "SignupDisabled" });
    expect(await testPrisma.user.count({ where: { email: fresh } })).toBe(0);

    const existing = email();
    await createUser({ email: existing, passwordHash: null });
    expect(await refuseSsoSignIn({ email: existing.toUpperCase(), linkedUserId: null })).toBeNull();
    expect((await refuseSsoSignIn({ email: "not-an-email", linkedUserId: null }))?.code).toBe("EmailMissing");
  });
});

describe("group → role rules (AUTH_SSO_GROUP_ROLES)", () => {
  it("sets and removes roles in the managed organization and project at every sign-in, leaving others alone", async () => {
    const { organization, project } = await createProjectWithKeys();
    const unmanaged = await createProjectWithKeys();
    const user = await createUserFromSso({ email: email(), name: "Ada" });
    await testPrisma.organizationMembership.create({ data: { organizationId: unmanaged.organization.id, userId: user.id, role: "OWNER" } });
    process.env.AUTH_SSO_GROUPS_CLAIM = "roles";
    process.env.AUTH_SSO_GROUP_ROLES = JSON.stringify([
      { group: "eng", organizationId: organization.id, role: "VIEWER" },
      { group: "leads", organizationId: organization.id, role: "ADMIN" },
      { group: "support", projectId: project.id, role: "MEMBER" },
      { group: "eng", organizationId: "org-that-does-not-exist", role: "ADMIN" },
    ]);
    const roles = async () => ({
      org:
        (
          await testPrisma.organizationMembership.findUnique({
            where: { organizationId_userId: { organizationId: organization.id, userId: user.id } },
          })
        )?.role ?? null,
      project:
        (await testPrisma.projectMembership.findUnique({ where: { projectId_userId: { projectId: project.id, userId: user.id } } }))
          ?.role ?? null,
      unmanaged:
        (await testPrisma.organizationMembership.findFirst({ where: { organizationId: unmanaged.organization.id, userId: user.id } }))
          ?.role ?? null,
    });

    expect(await applySsoGroupRoles(user.id, { roles: ["eng", "support"] })).toEqual(["eng", "support"]);
    expect(await roles()).toEqual({ org: "VIEWER", project: "MEMBER", unmanaged: "OWNER" });

    await applySsoGroupRoles(user.id, { roles: ["leads", "eng"] });
    expect(await roles()).toEqual({ org: "ADMIN", project: null, unmanaged: "OWNER" });

    await applySsoGroupRoles(user.id, { roles: "support" });
    // A project override needs the organization's membership, which no group grants any more.
    expect(await roles()).toEqual({ org: null, project: null, unmanaged: "OWNER" });

    // Each change is in the audit log for the organization (and its project), as the system's, with the groups read;
    // a sign-in that changes nothing (the same groups again) adds no row.
    await applySsoGroupRoles(user.id, { roles: "support" });
    const audited = await testPrisma.auditLog.findMany({ where: { organizationId: organization.id }, orderBy: { seq: "asc" } });
    expect(audited.map((r) => [r.action, r.projectId, r.before, (r.after as { role: string | null }).role, r.actorType])).toEqual([
      ["member.roleChanged", null, { role: null }, "VIEWER", "system"],
      ["member.roleChanged", project.id, { role: null }, "MEMBER", "system"],
      ["member.roleChanged", null, { role: "VIEWER" }, "ADMIN", "system"],
      ["member.removed", project.id, { role: "MEMBER" }, null, "system"],
      ["member.removed", null, { role: "ADMIN" }, null, "system"],
    ]);
    expect(audited.every((r) => r.resourceId === user.id)).toBe(true);
  });

  it("refuses malformed rules naming the variable", async () => {
    process.env.AUTH_SSO_GROUP_ROLES = '[{"group":"g","organizationId":"o","role":"GOD"}]';
    await expect(applySsoGroupRoles("u", {})).rejects.toThrow(/AUTH_SSO_GROUP_ROLES/);
    process.env.AUTH_SSO_GROUP_ROLES = "{not json";
    await expect(applySsoGroupRoles("u", {})).rejects.toThrow(/AUTH_SSO_GROUP_ROLES: is not JSON/);
  });
});

import { createHash, randomUUID } from "node:crypto";
import type { Role, TOrganizationRole } from "@loupe/contracts";
import { findProjectRole, listProjectsForUser, prisma } from "@loupe/db";
import { createTestProject, createTestUser } from "@loupe/db/testing";
import { afterEach, describe, expect, it } from "vitest";
import { currentSessionVersion } from "../auth/sessions.ts";
import { requireOrganizationAccess, requireProjectAccess } from "../projects/accounts.ts";
import {
  acceptInvitation,
  createInvitation,
  describeInvitation,
  joinInvitingOrganizations,
  revokeInvitationById,
  signUpWithInvitation,
} from "./invitations.ts";
import {
  changeOrganizationMemberRole,
  listMembersOfProject,
  type MembersActor,
  removeMemberFromOrganization,
  setProjectMemberRole,
} from "./members.ts";

const BASE = "http://loupe.test";

async function person(organizationId: string, role: TOrganizationRole) {
  const user = await createTestUser({ passwordHash: null, email: `m-${randomUUID().slice(0, 8)}@loupe.test` });
  await prisma.organizationMembership.create({ data: { organizationId, userId: user.id, role } });
  return user;
}
const actorOf = (user: { id: string; email: string }, role: Role): MembersActor => ({
  user,
  role,
  audit: { actor: { type: "user", id: user.id, email: user.email }, ip: null },
});
const roleOf = async (organizationId: string, userId: string) =>
  (await prisma.organizationMembership.findUnique({ where: { organizationId_userId: { organizationId, userId } } }))?.role ?? null;
const auditRows = (organizationId: string, action: string) =>
  prisma.auditLog.findMany({ where: { organizationId, action }, orderBy: { seq: "asc" } });

async function tenant() {
  const { organization, project } = await createTestProject({ hashedSecretKey: `h-${randomUUID()}` });
  const owner = await person(organization.id, "OWNER");
  return { organization, project, owner };
}

describe("organization roles", () => {
  it("refuses to demote or remove the last OWNER (409) and allows it once another OWNER exists, audited with before/after", async () => {
    const { organization, owner } = await tenant();
    const me = actorOf(owner, "OWNER");
    await expect(changeOrganizationMemberRole(organization.id, owner.id, "ADMIN", me)).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("last owner"),
    });
    await expect(removeMemberFromOrganization(organization.id, owner.id, me)).rejects.toMatchObject({ status: 409 });
    expect(await roleOf(organization.id, owner.id)).toBe("OWNER");
    expect(await auditRows(organization.id, "member.roleChanged")).toHaveLength(0);

    const second = await person(organization.id, "MEMBER");
    await changeOrganizationMemberRole(organization.id, second.id, "OWNER", me);
    await changeOrganizationMemberRole(organization.id, owner.id, "ADMIN", me);
    expect(await roleOf(organization.id, owner.id)).toBe("ADMIN");
    const rows = await auditRows(organization.id, "member.roleChanged");
    expect(rows.map((r) => [r.resourceId, r.before, r.after])).toEqual([
      [second.id, { role: "MEMBER", email: second.email }, { role: "OWNER", email: second.email }],
      [owner.id, { role: "OWNER", email: owner.email }, { role: "ADMIN", email: owner.email }],
    ]);
    // The new sole owner is now the last one.
    await expect(removeMemberFromOrganization(organization.id, second.id, actorOf(second, "OWNER"))).rejects.toMatchObject({ status: 409 });
  });

  it("two owners demoting each other at once leave one OWNER (the organization row lock serialises them)", async () => {
    const { organization, owner } = await tenant();
    const other = await person(organization.id, "OWNER");
    const results = await Promise.allSettled([
      changeOrganizationMemberRole(organization.id, owner.id, "MEMBER", actorOf(owner, "OWNER")),
      changeOrganizationMemberRole(organization.id, other.id, "MEMBER", actorOf(other, "OWNER")),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await prisma.organizationMembership.count({ where: { organizationId: organization.id, role: "OWNER" } })).toBe(1);
  });

  it("never grants above the actor's own role: an ADMIN cannot make an OWNER, nor change or remove one", async () => {
    const { organization, owner } = await tenant();
    const admin = await person(organization.id, "ADMIN");
    const member = await person(organization.id, "MEMBER");
    const asAdmin = actorOf(admin, "ADMIN");
    await expect(changeOrganizationMemberRole(organization.id, member.id, "OWNER", asAdmin)).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining("may not grant OWNER"),
    });
    await expect(changeOrganizationMemberRole(organization.id, admin.id, "OWNER", asAdmin)).rejects.toMatchObject({ status: 403 });
    await expect(changeOrganizationMemberRole(organization.id, owner.id, "VIEWER", asAdmin)).rejects.toMatchObject({ status: 403 });
    await expect(removeMemberFromOrganization(organization.id, owner.id, asAdmin)).rejects.toMatchObject({ status: 403 });
    expect([
      await roleOf(organization.id, member.id),
      await roleOf(organization.id, admin.id),
      await roleOf(organization.id, owner.id),
    ]).toEqual(["MEMBER", "ADMIN", "OWNER"]);
    // What the ADMIN holds it may give.
    await changeOrganizationMemberRole(organization.id, member.id, "ADMIN", asAdmin);
    expect(await roleOf(organization.id, member.id)).toBe("ADMIN");
  });

  it("removing a member drops their project roles, ends their sessions and is audited; a stranger's id is 404", async () => {
    const { organization, project, owner } = await tenant();
    const member = await person(organization.id, "NONE");
    await setProjectMemberRole(project.id, member.id, "MEMBER", actorOf(owner, "OWNER"));
    const sessionsBefore = await currentSessionVersion(member.id);
    await removeMemberFromOrganization(organization.id, member.id, actorOf(owner, "OWNER"));
    expect(await currentSessionVersion(member.id)).toBe((sessionsBefore ?? 0) + 1);
    expect(await roleOf(organization.id, member.id)).toBeNull();
    expect(await prisma.projectMembership.count({ where: { userId: member.id } })).toBe(0);
    expect(await findProjectRole(member.id, project.id)).toBeNull();
    const [row] = await auditRows(organization.id, "member.removed");
    expect(row).toMatchObject({ resourceId: member.id, before: { role: "NONE", email: member.email }, after: null, actorId: owner.id });
    await expect(removeMemberFromOrganization(organization.id, member.id, actorOf(owner, "OWNER"))).rejects.toMatchObject({ status: 404 });
  });
});

describe("NONE and per-project roles", () => {
  it("a NONE member sees no project until a project role grants one, and only that one", async () => {
    const { organization, project, owner } = await tenant();
    const other = await prisma.project.create({ data: { organizationId: organization.id, name: "Other" } });
    const none = await person(organization.id, "NONE");
    await expect(requireProjectAccess(none.id, project.id)).rejects.toMatchObject({ status: 404 });
    await expect(requireOrganizationAccess(none.id, organization.id, "organization:manage")).rejects.toMatchObject({ status: 403 });
    expect(await listProjectsForUser(none.id)).toEqual([]);

    await setProjectMemberRole(project.id, none.id, "VIEWER", actorOf(owner, "OWNER"));
    expect(await requireProjectAccess(none.id, project.id)).toBe("VIEWER");
    await expect(requireProjectAccess(none.id, project.id, "project:write")).rejects.toMatchObject({ status: 403 });
    await expect(requireProjectAccess(none.id, other.id)).rejects.toMatchObject({ status: 404 });
    expect((await listProjectsForUser(none.id)).map((p) => [p.id, p.role])).toEqual([[project.id, "VIEWER"]]);
    expect((await listMembersOfProject(project.id)).find((m) => m.userId === none.id)).toMatchObject({
      organizationRole: "NONE",
      projectRole: "VIEWER",
      role: "VIEWER",
    });
    expect((await listMembersOfProject(other.id)).find((m) => m.userId === none.id)).toMatchObject({ projectRole: null, role: null });

    await setProjectMemberRole(project.id, none.id, null, actorOf(owner, "OWNER"));
    await expect(requireProjectAccess(none.id, project.id)).rejects.toMatchObject({ status: 404 });
    const rows = await prisma.auditLog.findMany({ where: { projectId: project.id, resourceId: none.id }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.action, r.before, r.after])).toEqual([
      [
        "projectMember.roleChanged",
        { projectRole: null, effectiveRole: null, email: none.email },
        { projectRole: "VIEWER", effectiveRole: "VIEWER", email: none.email },
      ],
      [
        "projectMember.removed",
        { projectRole: "VIEWER", effectiveRole: "VIEWER", email: none.email },
        { projectRole: null, effectiveRole: null, email: none.email },
      ],
    ]);
  });

  it("a project role overrides downwards too, and an ADMIN cannot grant OWNER in a project nor change an OWNER's access", async () => {
    const { organization, project, owner } = await tenant();
    const admin = await person(organization.id, "ADMIN");
    const member = await person(organization.id, "MEMBER");
    await setProjectMemberRole(project.id, member.id, "VIEWER", actorOf(admin, "ADMIN"));
    expect(await findProjectRole(member.id, project.id)).toBe("VIEWER");
    await expect(setProjectMemberRole(project.id, member.id, "OWNER", actorOf(admin, "ADMIN"))).rejects.toMatchObject({ status: 403 });
    await expect(setProjectMemberRole(project.id, owner.id, "VIEWER", actorOf(admin, "ADMIN"))).rejects.toMatchObject({ status: 403 });
    expect(await findProjectRole(owner.id, project.id)).toBe("OWNER");
    const stranger = await createTestUser({ passwordHash: null });
    await expect(setProjectMemberRole(project.id, stranger.id, "VIEWER", actorOf(owner, "OWNER"))).rejects.toMatchObject({ status: 404 });
  });
});

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const tokenOf = (url: string) => url.split("/auth/invite/")[1] as string;

describe("invitations", () => {
  const signupWas = process.env.AUTH_DISABLE_SIGNUP;
  afterEach(() => {
    if (signupWas === undefined) delete process.env.AUTH_DISABLE_SIGNUP;
    else process.env.AUTH_DISABLE_SIGNUP = signupWas;
  });

  it("stores only the token's hash, valid 7 days, and the audit row holds no token", async () => {
    const { organization, owner } = await tenant();
    const email = `inv-${randomUUID().slice(0, 8)}@loupe.test`;
    const created = await createInvitation(organization.id, { email, role: "MEMBER" }, actorOf(owner, "OWNER"), BASE);
    const token = tokenOf(created.url);
    expect(token.length).toBeGreaterThanOrEqual(40);
    const row = await prisma.invitation.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const days = (row.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    const [audit] = await auditRows(organization.id, "invitation.created");
    expect(audit?.after).toMatchObject({ email, role: "MEMBER" });
    expect(JSON.stringify({ ...audit, seq: null })).not.toContain(token);
    expect(created.emailed).toBe(false);
  });

  it("refuses to invite above the actor's role, into another organization's project, or an existing member", async () => {
    const { organization, owner } = await tenant();
    const admin = await person(organization.id, "ADMIN");
    const elsewhere = await createTestProject({ hashedSecretKey: `h-${randomUUID()}` });
    await expect(
      createInvitation(organization.id, { email: "x@loupe.test", role: "OWNER" }, actorOf(admin, "ADMIN"), BASE),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      createInvitation(
        organization.id,
        { email: "x@loupe.test", role: "NONE", projectId: elsewhere.project.id, projectRole: "VIEWER" },
        actorOf(admin, "ADMIN"),
        BASE,
      ),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      createInvitation(organization.id, { email: owner.email, role: "VIEWER" }, actorOf(admin, "ADMIN"), BASE),
    ).rejects.toMatchObject({ status: 409 });
    expect(await prisma.invitation.count({ where: { organizationId: organization.id } })).toBe(0);
  });

  it("a signed-in person with the invited e-mail joins with the org and project roles, once; other e-mails are refused", async () => {
    const { organization, project, owner } = await tenant();
    const invitee = await createTestUser({ passwordHash: null, email: `join-${randomUUID().slice(0, 8)}@loupe.test` });
    const created = await createInvitation(
      organization.id,
      { email: invitee.email, role: "NONE", projectId: project.id, projectRole: "MEMBER" },
      actorOf(owner, "OWNER"),
      BASE,
    );
    const token = tokenOf(created.url);
    const intruder = await createTestUser({ passwordHash: null });
    await expect(acceptInvitation(token, intruder, null)).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining(invitee.email),
    });

    expect(await acceptInvitation(token, invitee, null)).toEqual({ organizationId: organization.id, projectId: project.id });
    expect(await roleOf(organization.id, invitee.id)).toBe("NONE");
    expect(await findProjectRole(invitee.id, project.id)).toBe("MEMBER");
    await expect(acceptInvitation(token, invitee, null)).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("already been used"),
    });
    expect(await describeInvitation(token)).toMatchObject({ state: "accepted" });
    const [audit] = await auditRows(organization.id, "invitation.accepted");
    expect(audit).toMatchObject({
      actorId: invitee.id,
      before: { role: null },
      after: { role: "NONE", projectId: project.id, projectRole: "MEMBER", via: "sign-in" },
    });
  });

  it("expired, revoked, replaced and made-up tokens say so and join nobody", async () => {
    const { organization, owner } = await tenant();
    const me = actorOf(owner, "OWNER");
    const user = await createTestUser({ passwordHash: null, email: `late-${randomUUID().slice(0, 8)}@loupe.test` });
    const expired = await createInvitation(organization.id, { email: user.email, role: "VIEWER" }, me, BASE);
    await prisma.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await describeInvitation(tokenOf(expired.url))).toMatchObject({ state: "expired", message: expect.stringContaining("expired") });
    await expect(acceptInvitation(tokenOf(expired.url), user, null)).rejects.toMatchObject({ status: 409 });

    const fresh = await createInvitation(organization.id, { email: user.email, role: "VIEWER" }, me, BASE);
    expect(await describeInvitation(tokenOf(expired.url))).toMatchObject({ state: "unknown" });
    await revokeInvitationById(organization.id, fresh.id, me);
    expect(await describeInvitation(tokenOf(fresh.url))).toMatchObject({ state: "revoked" });
    await expect(acceptInvitation(tokenOf(fresh.url), user, null)).rejects.toMatchObject({ status: 409 });
    await expect(revokeInvitationById(organization.id, fresh.id, me)).rejects.toMatchObject({ status: 404 });
    expect(await describeInvitation("x".repeat(43))).toMatchObject({ state: "unknown" });
    expect(await describeInvitation("short")).toMatchObject({ state: "unknown" });
    expect(await roleOf(organization.id, user.id)).toBeNull();
    const [revoked] = await auditRows(organization.id, "invitation.revoked");
    expect(revoked).toMatchObject({ before: { email: user.email, state: "pending" }, after: { state: "revoked" } });
  });

  it("a new person signs up from the invitation straight into the organization, even with AUTH_DISABLE_SIGNUP", async () => {
    process.env.AUTH_DISABLE_SIGNUP = "true";
    const { organization, project, owner } = await tenant();
    const email = `new-${randomUUID().slice(0, 8)}@loupe.test`;
    const created = await createInvitation(organization.id, { email, role: "VIEWER" }, actorOf(owner, "OWNER"), BASE);
    expect(await describeInvitation(tokenOf(created.url))).toMatchObject({
      state: "pending",
      email,
      accountExists: false,
      passwordRefusal: null,
    });
    const joined = await signUpWithInvitation(tokenOf(created.url), { name: "New Person", password: "a-long-password" }, null);
    expect(joined).toEqual({ organizationId: organization.id, projectId: project.id, email });
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(await findProjectRole(user.id, project.id)).toBe("VIEWER");
    await expect(signUpWithInvitation(tokenOf(created.url), { password: "a-long-password" }, null)).rejects.toMatchObject({ status: 409 });
  });

  it("an SSO sign-in with the invited e-mail joins every inviting organization", async () => {
    const a = await tenant();
    const b = await tenant();
    const email = `sso-${randomUUID().slice(0, 8)}@loupe.test`;
    await createInvitation(a.organization.id, { email, role: "MEMBER" }, actorOf(a.owner, "OWNER"), BASE);
    await createInvitation(b.organization.id, { email, role: "VIEWER" }, actorOf(b.owner, "OWNER"), BASE);
    const user = await createTestUser({ passwordHash: null, email });
    expect((await joinInvitingOrganizations(user)).sort()).toEqual([a.organization.id, b.organization.id].sort());
    expect([await roleOf(a.organization.id, user.id), await roleOf(b.organization.id, user.id)]).toEqual(["MEMBER", "VIEWER"]);
    expect(await joinInvitingOrganizations(user)).toEqual([]);
  });
});

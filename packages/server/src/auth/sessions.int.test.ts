import { createUser, upsertOrganizationMembership } from "@loupe/db";
import { createTestProject } from "@loupe/db/testing";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword } from "./passwords.ts";
import { changeUserPassword, currentSessionVersion, endUserSessions, removeOrganizationMember } from "./sessions.ts";

const newUser = async () =>
  createUser({ email: `session-${randomUUID().slice(0, 8)}@loupe.test`, passwordHash: await hashPassword("pw-123456") });

describe("revocable sessions (User.sessionVersion, cached in Redis)", () => {
  it("sign-out raises the version at once, even though the old one was cached", async () => {
    const user = await newUser();
    expect(await currentSessionVersion(user.id)).toBe(0);
    expect(await currentSessionVersion(user.id)).toBe(0); // cached now
    await endUserSessions(user.id);
    expect(await currentSessionVersion(user.id)).toBe(1);
  });

  it("a password change ends every session", async () => {
    const user = await newUser();
    await currentSessionVersion(user.id);
    await changeUserPassword(user.id, "a-new-password");
    expect(await currentSessionVersion(user.id)).toBe(1);
  });

  it("removal from an organization ends the member's sessions; a missing membership changes nothing", async () => {
    const user = await newUser();
    const { organization } = await createTestProject({ hashedSecretKey: "unused" });
    await upsertOrganizationMembership(organization.id, user.id, "MEMBER");
    await currentSessionVersion(user.id);
    expect(await removeOrganizationMember(organization.id, user.id)).toBe(true);
    expect(await currentSessionVersion(user.id)).toBe(1);
    expect(await removeOrganizationMember(organization.id, user.id)).toBe(false);
    expect(await currentSessionVersion(user.id)).toBe(1);
  });

  it("a deleted user's sessions are gone", async () => {
    expect(await currentSessionVersion(`no-such-user-${randomUUID()}`)).toBeNull();
  });
});

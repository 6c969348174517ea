import { createUser } from "@loupe/db";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword } from "./passwords.ts";
import { changeUserPassword, currentSessionVersion, endUserSessions } from "./sessions.ts";

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

  it("a deleted user's sessions are gone", async () => {
    expect(await currentSessionVersion(`no-such-user-${randomUUID()}`)).toBeNull();
  });
});

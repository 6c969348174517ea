import { prisma } from "../client.ts";

export async function findUserByEmail(email: string) {
  return prisma.user.findUnique({ where: { email: email.toLowerCase() } });
}

export async function createUser(data: { email: string; name?: string | null; passwordHash: string | null }) {
  return prisma.user.create({
    data: { email: data.email.toLowerCase(), name: data.name ?? null, passwordHash: data.passwordHash },
  });
}

/** A new password ends every session of the user (raises sessionVersion in the same write). */
export async function setUserPassword(userId: string, passwordHash: string): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
}

/** The version a session token of this user must carry; null when the user no longer exists. */
export async function findUserSessionVersion(userId: string): Promise<number | null> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? null;
}

/** Ends every session of the user (sign-out, removal from an organization). */
export async function raiseUserSessionVersion(userId: string): Promise<void> {
  await prisma.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** Display names (name, else email) of users by id, for "who did it" columns (score authors, prompt versions). */
export async function findUserDisplayNames(userIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const users = await prisma.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, u.name || u.email]));
}

import { prisma } from "../client.ts";

export async function findUserByEmail(email: string) {
  return prisma.user.findUnique({ where: { email: email.toLowerCase() } });
}

export async function createUser(data: { email: string; name?: string | null; passwordHash: string | null }) {
  return prisma.user.create({
    data: { email: data.email.toLowerCase(), name: data.name ?? null, passwordHash: data.passwordHash },
  });
}

export async function setUserPassword(userId: string, passwordHash: string): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { passwordHash } });
}

/** Display names (name, else email) of users by id, for "who did it" columns (score authors, prompt versions). */
export async function findUserDisplayNames(userIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const users = await prisma.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, u.name || u.email]));
}

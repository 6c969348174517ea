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

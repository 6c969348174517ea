import { type Tx, prisma } from "../client.ts";

export async function findApiKeyByPublicKey(publicKey: string) {
  return prisma.apiKey.findFirst({
    where: { publicKey, project: { deletedAt: null } },
    select: { id: true, projectId: true, hashedSecretKey: true, revokedAt: true },
  });
}

export async function createApiKey(
  data: {
    projectId: string;
    publicKey: string;
    hashedSecretKey: string;
    displaySecretKey: string;
    note?: string | null;
  },
  db: Tx = prisma,
) {
  return db.apiKey.create({
    data,
    select: { id: true, publicKey: true, displaySecretKey: true, note: true, createdAt: true },
  });
}

export async function listApiKeys(projectId: string) {
  return prisma.apiKey.findMany({
    where: { projectId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      publicKey: true,
      displaySecretKey: true,
      note: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
}

export async function touchApiKeyLastUsed(id: string): Promise<void> {
  await prisma.apiKey.update({ where: { id }, data: { lastUsedAt: new Date() } });
}

export async function revokeApiKey(projectId: string, id: string, db: Tx = prisma): Promise<boolean> {
  const result = await db.apiKey.updateMany({
    where: { projectId, id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return result.count > 0;
}

/** Replaces a key's secret (and un-revokes it); used when LOUPE_INIT_PROJECT_SECRET_KEY changes. */
export async function replaceApiKeySecret(id: string, hashedSecretKey: string, displaySecretKey: string): Promise<void> {
  await prisma.apiKey.update({ where: { id }, data: { hashedSecretKey, displaySecretKey, revokedAt: null } });
}

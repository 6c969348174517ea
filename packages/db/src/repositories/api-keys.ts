import { type Tx, prisma } from "../client.ts";

export async function findApiKeyByPublicKey(publicKey: string) {
  return prisma.apiKey.findFirst({
    where: { publicKey, project: { deletedAt: null } },
    select: { id: true, projectId: true, hashedSecretKey: true, revokedAt: true, expiresAt: true },
  });
}

export async function createApiKey(
  data: {
    projectId: string;
    publicKey: string;
    hashedSecretKey: string;
    displaySecretKey: string;
    note?: string | null;
    expiresAt?: Date | null;
  },
  db: Tx = prisma,
) {
  return db.apiKey.create({ data, select: API_KEY_SELECT });
}

const API_KEY_SELECT = {
  id: true,
  publicKey: true,
  displaySecretKey: true,
  note: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export async function listApiKeys(projectId: string) {
  return prisma.apiKey.findMany({
    where: { projectId },
    orderBy: { createdAt: "desc" },
    select: API_KEY_SELECT,
  });
}

/** Changes a key's note; null when the key is not in this project. Returns the note before and after. */
export async function updateApiKeyNote(projectId: string, id: string, note: string | null, db: Tx = prisma) {
  const before = await db.apiKey.findFirst({ where: { projectId, id }, select: { note: true } });
  if (!before) return null;
  const after = await db.apiKey.update({ where: { id }, data: { note }, select: API_KEY_SELECT });
  return { before: before.note, after };
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

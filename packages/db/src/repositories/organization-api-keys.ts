import { type Tx, prisma } from "../client.ts";

const ORGANIZATION_API_KEY_SELECT = {
  id: true,
  publicKey: true,
  displaySecretKey: true,
  note: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export async function findOrganizationApiKeyByPublicKey(publicKey: string) {
  return prisma.organizationApiKey.findUnique({
    where: { publicKey },
    select: { id: true, organizationId: true, hashedSecretKey: true, revokedAt: true, expiresAt: true },
  });
}

export async function createOrganizationApiKey(
  data: {
    organizationId: string;
    publicKey: string;
    hashedSecretKey: string;
    displaySecretKey: string;
    note?: string | null;
    expiresAt?: Date | null;
  },
  db: Tx = prisma,
) {
  return db.organizationApiKey.create({ data, select: ORGANIZATION_API_KEY_SELECT });
}

/** The organization's keys, newest first; revoked ones only when asked for. */
export async function listOrganizationApiKeys(organizationId: string, options: { includeRevoked: boolean } = { includeRevoked: true }) {
  return prisma.organizationApiKey.findMany({
    where: { organizationId, ...(options.includeRevoked ? {} : { revokedAt: null }) },
    orderBy: { createdAt: "desc" },
    select: ORGANIZATION_API_KEY_SELECT,
  });
}

export async function revokeOrganizationApiKey(organizationId: string, id: string, db: Tx = prisma): Promise<boolean> {
  const result = await db.organizationApiKey.updateMany({
    where: { organizationId, id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return result.count > 0;
}

export async function touchOrganizationApiKeyLastUsed(id: string): Promise<void> {
  await prisma.organizationApiKey.update({ where: { id }, data: { lastUsedAt: new Date() } });
}

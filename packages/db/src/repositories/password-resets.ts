import { prisma } from "../client.ts";

const PREFIX = "password-reset:";

/** Stores the hash of a reset token for the user; earlier tokens of the user stop working. */
export async function storePasswordResetToken(userId: string, tokenHash: string, expires: Date): Promise<void> {
  const identifier = `${PREFIX}${userId}`;
  await prisma.$transaction([
    prisma.verificationToken.deleteMany({ where: { identifier } }),
    prisma.verificationToken.create({ data: { identifier, token: tokenHash, expires } }),
  ]);
}

/** Deletes the token and returns its user when it existed and had not expired (a token works once). */
export async function consumePasswordResetToken(tokenHash: string): Promise<string | null> {
  // One statement, so two concurrent uses cannot both see the token.
  const rows = await prisma.$queryRaw<{ identifier: string; expires: Date }[]>`
    DELETE FROM "VerificationToken" WHERE "token" = ${tokenHash} AND "identifier" LIKE ${`${PREFIX}%`} RETURNING "identifier", "expires"`;
  const row = rows[0];
  if (!row || row.expires.getTime() <= Date.now()) return null;
  return row.identifier.slice(PREFIX.length);
}

/** True when `actorId` is OWNER or ADMIN of an organization `userId` belongs to. */
export async function administeredOrganizationOf(actorId: string, userId: string): Promise<string | null> {
  const row = await prisma.organizationMembership.findFirst({
    where: { userId: actorId, role: { in: ["OWNER", "ADMIN"] }, organization: { memberships: { some: { userId } } } },
    select: { organizationId: true },
    orderBy: { createdAt: "asc" },
  });
  return row?.organizationId ?? null;
}

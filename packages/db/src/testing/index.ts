import { randomUUID } from "node:crypto";
import { prisma } from "../client.ts";

/**
 * Factories shared by integration tests, e2e setup and dev seeds. Each call makes its own
 * organization/project, so tests never share data and need no cleanup.
 */
export async function createTestProject(input: { hashedSecretKey: string; publicKey?: string; displaySecretKey?: string }) {
  const suffix = randomUUID().slice(0, 8);
  const organization = await prisma.organization.create({ data: { name: `Test org ${suffix}` } });
  const project = await prisma.project.create({ data: { organizationId: organization.id, name: `Test project ${suffix}` } });
  const publicKey = input.publicKey ?? `pk-lf-${randomUUID()}`;
  await prisma.apiKey.create({
    data: {
      projectId: project.id,
      publicKey,
      hashedSecretKey: input.hashedSecretKey,
      displaySecretKey: input.displaySecretKey ?? "sk-lf-...test",
    },
  });
  return { organization, project, publicKey };
}

export async function createTestUser(input: { passwordHash: string | null; email?: string }) {
  return prisma.user.create({ data: { email: input.email ?? `user-${randomUUID()}@example.com`, passwordHash: input.passwordHash } });
}

export { prisma as testPrisma };

import type { TApiKeySummary, TCreateOrganizationBody, TCreatedApiKey, TSignUpBody } from "@loupe/contracts";
import {
  createApiKey,
  createOrganizationWithProject,
  createUser,
  findProjectRole,
  findUserByEmail,
  listApiKeys,
  listProjectsForUser,
  revokeApiKey,
} from "@loupe/db";
import { clearApiKeyCache, generateApiKeyPair } from "../auth/api-keys.ts";
import { hashPassword, verifyPassword } from "../auth/passwords.ts";
import { type Role, requireRole } from "../auth/roles.ts";
import { conflict, notFound } from "../errors.ts";

export async function signUpWithPassword(body: TSignUpBody) {
  if (await findUserByEmail(body.email)) throw conflict("An account with this email already exists. Sign in instead.");
  const user = await createUser({ email: body.email, name: body.name || null, passwordHash: await hashPassword(body.password) });
  return { id: user.id, email: user.email };
}

/** Credentials check for next-auth; null on any mismatch (never says which part was wrong). */
export async function authenticateWithPassword(email: string, password: string) {
  const user = await findUserByEmail(email);
  if (!user?.passwordHash) return null;
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name };
}

export async function createOrganizationForUser(userId: string, body: TCreateOrganizationBody) {
  const { organization, project } = await createOrganizationWithProject({
    organizationName: body.organizationName,
    projectName: body.projectName,
    ownerUserId: userId,
  });
  return { organizationId: organization.id, projectId: project.id };
}

export { listProjectsForUser };

/** Throws 404 (not 403) when the user is not a member, so project ids cannot be probed. */
export async function requireProjectAccess(userId: string, projectId: string, minimum: Role = "VIEWER"): Promise<Role> {
  const role = await findProjectRole(userId, projectId);
  if (!role) throw notFound("Project");
  requireRole(role, minimum);
  return role;
}

const toSummary = (k: Awaited<ReturnType<typeof listApiKeys>>[number]): TApiKeySummary => ({
  id: k.id,
  publicKey: k.publicKey,
  displaySecretKey: k.displaySecretKey,
  note: k.note,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

export async function listProjectApiKeys(projectId: string): Promise<TApiKeySummary[]> {
  return (await listApiKeys(projectId)).map(toSummary);
}

/** The secret is returned once, here, and only its hash is kept. */
export async function createProjectApiKey(projectId: string, note?: string): Promise<TCreatedApiKey> {
  const pair = generateApiKeyPair();
  const row = await createApiKey({
    projectId,
    publicKey: pair.publicKey,
    hashedSecretKey: pair.hashedSecretKey,
    displaySecretKey: pair.displaySecretKey,
    note: note || null,
  });
  return { ...toSummary({ ...row, lastUsedAt: null, revokedAt: null }), secretKey: pair.secretKey };
}

export async function revokeProjectApiKey(projectId: string, apiKeyId: string): Promise<void> {
  if (!(await revokeApiKey(projectId, apiKeyId))) throw notFound("API key");
  clearApiKeyCache();
}

import type { TApiKeySummary, TCreateApiKeyBody, TCreatedApiKey } from "@loupe/contracts";
import {
  createApiKey,
  findApiKeyByPublicKey,
  findOrganizationApiKeyByPublicKey,
  listApiKeys,
  Prisma,
  prisma,
  revokeApiKey,
  updateApiKeyNote,
} from "@loupe/db";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { announceApiKeyRevoked } from "../auth/api-keys.ts";
import { conflict, notFound } from "../errors.ts";
import { type ApiKeyRow, keyAuditFields, newKeyColumns, toApiKeySummary, withSecret } from "./api-key-rows.ts";

export async function listProjectApiKeys(projectId: string): Promise<TApiKeySummary[]> {
  return (await listApiKeys(projectId)).map(toApiKeySummary);
}

const KEY_TAKEN = "API key with the provided publicKey or secretKey already exists";

/**
 * The secret is returned once, here, and only its hash is kept. `predefined` (the admin API) stores a pair
 * the caller chose; a public key any project or organization key has already is a 409.
 */
export async function createProjectApiKey(
  projectId: string,
  body: TCreateApiKeyBody,
  audit: AuditContext,
  predefined?: { publicKey: string; secretKey: string },
): Promise<TCreatedApiKey> {
  if (
    predefined &&
    ((await findApiKeyByPublicKey(predefined.publicKey)) || (await findOrganizationApiKeyByPublicKey(predefined.publicKey)))
  ) {
    throw conflict(KEY_TAKEN);
  }
  const { secretKey, columns } = newKeyColumns(body, predefined);
  try {
    const row = await prisma.$transaction(async (tx) => {
      const created = await createApiKey({ projectId, ...columns }, tx);
      // The secret is never logged: the public key and the masked form shown in the UI identify the key.
      await recordAudit(tx, audit, {
        action: "apiKey.created",
        projectId,
        resource: { type: "apiKey", id: created.id },
        after: keyAuditFields(created),
      });
      return created;
    });
    return withSecret(row, secretKey);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw conflict(KEY_TAKEN);
    throw error;
  }
}

/** Changes a key's note (null clears it). */
export async function updateProjectApiKey(
  projectId: string,
  apiKeyId: string,
  note: string | null,
  audit: AuditContext,
): Promise<TApiKeySummary> {
  const row = await prisma.$transaction(async (tx) => {
    const changed = await updateApiKeyNote(projectId, apiKeyId, note || null, tx);
    if (!changed) return null;
    await recordAudit(tx, audit, {
      action: "apiKey.updated",
      projectId,
      resource: { type: "apiKey", id: apiKeyId },
      before: { note: changed.before },
      after: { note: changed.after.note },
    });
    return changed.after as ApiKeyRow;
  });
  if (!row) throw notFound("API key");
  return toApiKeySummary(row);
}

export async function revokeProjectApiKey(projectId: string, apiKeyId: string, audit: AuditContext): Promise<void> {
  const revoked = await prisma.$transaction(async (tx) => {
    if (!(await revokeApiKey(projectId, apiKeyId, tx))) return false;
    await recordAudit(tx, audit, {
      action: "apiKey.revoked",
      projectId,
      resource: { type: "apiKey", id: apiKeyId },
      after: { revoked: true },
    });
    return true;
  });
  if (!revoked) throw notFound("API key");
  await announceApiKeyRevoked();
}

import type { TApiKeySummary, TCreateApiKeyBody, TCreatedApiKey, TOrganizationApiKeysResponse } from "@loupe/contracts";
import { createOrganizationApiKey, listOrganizationApiKeys, prisma, revokeOrganizationApiKey } from "@loupe/db";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { announceApiKeyRevoked } from "../auth/api-keys.ts";
import { notFound } from "../errors.ts";
import { keyAuditFields, newKeyColumns, toApiKeySummary, toPublicApiKeySummary, withSecret } from "../projects/api-key-rows.ts";

/** Settings → Organization: every key, revoked ones too (the page hides them behind a toggle). */
export async function listOrganizationKeys(organizationId: string): Promise<TApiKeySummary[]> {
  return (await listOrganizationApiKeys(organizationId)).map(toApiKeySummary);
}

/** GET /api/public/organizations/apiKeys: the organization's live keys in Langfuse's shape. */
export async function listOrganizationKeysForAdminApi(organizationId: string): Promise<TOrganizationApiKeysResponse> {
  return { apiKeys: (await listOrganizationApiKeys(organizationId, { includeRevoked: false })).map(toPublicApiKeySummary) };
}

/** The secret is returned once, here; only its hash is kept. */
export async function createOrganizationKey(organizationId: string, body: TCreateApiKeyBody, audit: AuditContext): Promise<TCreatedApiKey> {
  const { secretKey, columns } = newKeyColumns(body);
  const row = await prisma.$transaction(async (tx) => {
    const created = await createOrganizationApiKey({ organizationId, ...columns }, tx);
    await recordAudit(tx, audit, {
      action: "organizationApiKey.created",
      organizationId,
      resource: { type: "organizationApiKey", id: created.id },
      after: keyAuditFields(created),
    });
    return created;
  });
  return withSecret(row, secretKey);
}

export async function revokeOrganizationKey(organizationId: string, apiKeyId: string, audit: AuditContext): Promise<void> {
  const revoked = await prisma.$transaction(async (tx) => {
    if (!(await revokeOrganizationApiKey(organizationId, apiKeyId, tx))) return false;
    await recordAudit(tx, audit, {
      action: "organizationApiKey.revoked",
      organizationId,
      resource: { type: "organizationApiKey", id: apiKeyId },
      after: { revoked: true },
    });
    return true;
  });
  if (!revoked) throw notFound("API key");
  await announceApiKeyRevoked();
}

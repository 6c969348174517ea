import type { TApiKeySummary, TCreateApiKeyBody, TCreatedApiKey, TPublicApiKeySummary } from "@loupe/contracts";
import { generateApiKeyPair, hashSecretKey, displaySecretKey } from "../auth/api-keys.ts";

/** A key row as the project and organization tables both select it. */
export type ApiKeyRow = {
  id: string;
  publicKey: string;
  displaySecretKey: string;
  note: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export const toApiKeySummary = (k: ApiKeyRow): TApiKeySummary => ({
  id: k.id,
  publicKey: k.publicKey,
  displaySecretKey: k.displaySecretKey,
  note: k.note,
  createdAt: k.createdAt.toISOString(),
  expiresAt: k.expiresAt?.toISOString() ?? null,
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

/** Langfuse's `ApiKeySummary` / `OrganizationApiKey` (the admin API). */
export const toPublicApiKeySummary = (k: ApiKeyRow): TPublicApiKeySummary => ({
  id: k.id,
  createdAt: k.createdAt.toISOString(),
  expiresAt: k.expiresAt?.toISOString() ?? null,
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  note: k.note,
  publicKey: k.publicKey,
  displaySecretKey: k.displaySecretKey,
});

/** What is stored for a new key (the secret only hashed), from a fresh pair or a predefined one (admin API). */
export function newKeyColumns(body: TCreateApiKeyBody, predefined?: { publicKey: string; secretKey: string }) {
  const pair = predefined
    ? { ...predefined, hashedSecretKey: hashSecretKey(predefined.secretKey), displaySecretKey: displaySecretKey(predefined.secretKey) }
    : generateApiKeyPair();
  return {
    secretKey: pair.secretKey,
    columns: {
      publicKey: pair.publicKey,
      hashedSecretKey: pair.hashedSecretKey,
      displaySecretKey: pair.displaySecretKey,
      note: body.note || null,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
    },
  };
}

/** The audit "after" of a created key: never the secret, only what identifies the key. */
export const keyAuditFields = (k: ApiKeyRow) => ({
  publicKey: k.publicKey,
  displaySecretKey: k.displaySecretKey,
  note: k.note,
  expiresAt: k.expiresAt?.toISOString() ?? null,
});

export const withSecret = (k: ApiKeyRow, secretKey: string): TCreatedApiKey => ({ ...toApiKeySummary(k), secretKey });

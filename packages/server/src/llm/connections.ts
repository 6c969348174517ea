import {
  LLM_CONNECTION_DELETED,
  offsetOf,
  pageMeta,
  type TLlmConnection,
  type TLlmConnectionsResponse,
  type TPageQuery,
  type TPlaygroundConnection,
  type TUpdateLlmConnectionBody,
  type TUpsertLlmConnectionBody,
  type LlmAdapter,
} from "@loupe/contracts";
import {
  deleteLlmConnectionRow,
  findLlmConnectionWithSecrets,
  insertLlmConnectionRow,
  type LlmConnectionRow,
  type LlmConnectionWrite,
  listLlmConnectionRows,
  type Prisma,
  updateLlmConnectionRow,
  upsertLlmConnectionRow,
} from "@loupe/db";
import { connectionModels, LLM_PROTOCOLS } from "@loupe/domain";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { llmEnv } from "../env.ts";
import { badRequest, conflict, notFoundInProject } from "../errors.ts";
import { createLlmClient, type LlmClient, type LlmTarget, type RateLimitRetry } from "./client.ts";
import { assertOutboundUrl, OutboundBlockedError } from "./outbound.ts";
import { maskSecret, openSecret, SecretBoxError, sealSecret } from "./secret-box.ts";

// LLM connections of a project: the public API (Langfuse's shapes), the settings UI and every caller of
// a model (playground, evaluations) go through here. Secrets are sealed with the project id as context.

const secretContext = (projectId: string) => `llm-connection:${projectId}`;
const headersContext = (projectId: string) => `llm-connection-headers:${projectId}`;

export function llmConnectionDto(row: LlmConnectionRow): TLlmConnection {
  return {
    id: row.id,
    provider: row.provider,
    adapter: row.adapter,
    displaySecretKey: row.displaySecretKey,
    baseURL: row.baseURL,
    customModels: row.customModels,
    withDefaultModels: row.withDefaultModels,
    extraHeaderKeys: row.extraHeaderKeys,
    config: (row.config as Record<string, unknown> | null) ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Checks what only the server can: a base URL Loupe may call, Azure's required one, no adapter config. */
async function checkTarget(adapter: LlmAdapter, baseURL: string | null | undefined, config: unknown): Promise<void> {
  if (!baseURL && LLM_PROTOCOLS[adapter].defaultBaseURL === null) {
    throw badRequest("baseURL is required for azure: https://<resource>.openai.azure.com/openai/deployments");
  }
  if (config && Object.keys(config).length > 0) throw badRequest(`config is not supported for the ${adapter} adapter: remove it`);
  if (!baseURL) return;
  try {
    await assertOutboundUrl(baseURL, { allowPrivate: llmEnv().allowPrivateBaseUrls });
  } catch (error) {
    if (error instanceof OutboundBlockedError) throw badRequest(`Invalid baseURL: ${error.message}`);
    throw error;
  }
}

function sealed(projectId: string, body: TUpsertLlmConnectionBody, secretKey: string): LlmConnectionWrite {
  const key = llmEnv().encryptionKey;
  const headers = body.extraHeaders && Object.keys(body.extraHeaders).length > 0 ? body.extraHeaders : null;
  return {
    adapter: body.adapter,
    secretKey: sealSecret(secretKey, secretContext(projectId), key),
    displaySecretKey: maskSecret(secretKey),
    baseURL: body.baseURL || null,
    customModels: [...new Set(body.customModels ?? [])],
    withDefaultModels: body.withDefaultModels ?? true,
    extraHeaders: headers ? sealSecret(JSON.stringify(headers), headersContext(projectId), key) : null,
    extraHeaderKeys: headers ? Object.keys(headers) : [],
    config: (body.config as Prisma.InputJsonValue | undefined) ?? null,
  };
}

/** GET /api/public/llm-connections and the settings list: newest first, never a secret. */
export async function listLlmConnections(projectId: string, query: TPageQuery): Promise<TLlmConnectionsResponse> {
  const { rows, total } = await listLlmConnectionRows(projectId, { skip: offsetOf(query), take: query.limit });
  return { data: rows.map(llmConnectionDto), meta: pageMeta(query, total) };
}

/** PUT /api/public/llm-connections: creates or replaces the connection named `provider`. */
export async function upsertLlmConnection(
  projectId: string,
  body: TUpsertLlmConnectionBody,
  audit: AuditContext,
): Promise<{ connection: TLlmConnection; created: boolean }> {
  await checkTarget(body.adapter, body.baseURL, body.config);
  const { row, created } = await upsertLlmConnectionRow(projectId, body.provider, sealed(projectId, body, body.secretKey));
  const connection = llmConnectionDto(row);
  await auditConnection(audit, projectId, created ? "llmConnection.created" : "llmConnection.updated", connection.id, null, connection);
  return { connection, created };
}

/** The settings UI's "add": a name that is taken answers 409 instead of replacing the connection. */
// Audit rows carry the DTO (masked key, header names only), never a secret. These writes have no
// transaction of their own, so the row is appended right after the change succeeds.
const auditConnection = (
  audit: AuditContext,
  projectId: string,
  action: "llmConnection.created" | "llmConnection.updated" | "llmConnection.deleted",
  id: string,
  before: TLlmConnection | null,
  after: TLlmConnection | null,
) => recordAudit(undefined, audit, { action, projectId, resource: { type: "llmConnection", id }, before, after });

export async function createLlmConnection(projectId: string, body: TUpsertLlmConnectionBody, audit: AuditContext): Promise<TLlmConnection> {
  await checkTarget(body.adapter, body.baseURL, body.config);
  const row = await insertLlmConnectionRow(projectId, body.provider, sealed(projectId, body, body.secretKey));
  if (row === "duplicate") throw conflict(`This project already has an LLM connection named "${body.provider}"`);
  const dto = llmConnectionDto(row);
  await auditConnection(audit, projectId, "llmConnection.created", dto.id, null, dto);
  return dto;
}

/** The settings UI's "edit": an empty secretKey keeps the stored key; extraHeaders left out keep the stored ones. */
export async function updateLlmConnection(
  projectId: string,
  id: string,
  body: TUpdateLlmConnectionBody,
  audit: AuditContext,
): Promise<TLlmConnection> {
  const current = await findLlmConnectionWithSecrets(projectId, id);
  if (!current) throw notFoundInProject("LLM connection", id);
  await checkTarget(body.adapter, body.baseURL, body.config);
  const key = llmEnv().encryptionKey;
  const secret = body.secretKey ? body.secretKey : readSecret(() => openSecret(current.secretKey, secretContext(projectId), key));
  const write = sealed(projectId, { ...body, secretKey: secret }, secret);
  const keepHeaders = body.extraHeaders === undefined;
  const row = await updateLlmConnectionRow(projectId, id, {
    ...write,
    provider: body.provider,
    ...(keepHeaders ? { extraHeaders: current.extraHeaders, extraHeaderKeys: current.extraHeaderKeys } : {}),
  });
  if (row === "duplicate") throw conflict(`This project already has an LLM connection named "${body.provider}"`);
  if (!row) throw notFoundInProject("LLM connection", id);
  const dto = llmConnectionDto(row);
  const secretChanged = Boolean(body.secretKey);
  await auditConnection(audit, projectId, "llmConnection.updated", id, llmConnectionDto(current), {
    ...dto,
    ...(secretChanged ? { secretKeyReplaced: true } : {}),
  });
  return dto;
}

/** DELETE /api/public/llm-connections/{id}. */
export async function deleteLlmConnection(
  projectId: string,
  id: string,
  audit: AuditContext,
): Promise<{ message: typeof LLM_CONNECTION_DELETED }> {
  const current = await findLlmConnectionWithSecrets(projectId, id);
  if (!current || !(await deleteLlmConnectionRow(projectId, id))) throw notFoundInProject("LLM connection", id);
  await auditConnection(audit, projectId, "llmConnection.deleted", id, llmConnectionDto(current), null);
  return { message: LLM_CONNECTION_DELETED };
}

/** Connections with the models each offers, for the playground's pickers. */
export async function listPlaygroundConnections(projectId: string): Promise<TPlaygroundConnection[]> {
  const { rows } = await listLlmConnectionRows(projectId);
  return rows.map((row) => ({ ...llmConnectionDto(row), models: connectionModels(row) }));
}

function readSecret<T>(open: () => T): T {
  try {
    return open();
  } catch (error) {
    if (error instanceof SecretBoxError) throw badRequest(error.message);
    throw error;
  }
}

/** A client for one of the project's connections (404 when it is not the project's). Used by the playground and evaluations. */
export async function llmClientForConnection(
  projectId: string,
  id: string,
  options: { timeoutMs?: number; rateLimitRetry?: RateLimitRetry } = {},
): Promise<{ client: LlmClient; connection: TLlmConnection }> {
  const row = await findLlmConnectionWithSecrets(projectId, id);
  if (!row) throw notFoundInProject("LLM connection", id);
  const env = llmEnv();
  const target: LlmTarget = {
    adapter: row.adapter as LlmAdapter,
    baseURL: row.baseURL,
    secretKey: readSecret(() => openSecret(row.secretKey, secretContext(projectId), env.encryptionKey)),
    extraHeaders: row.extraHeaders
      ? JSON.parse(readSecret(() => openSecret(row.extraHeaders as string, headersContext(projectId), env.encryptionKey)))
      : {},
  };
  const client = createLlmClient(target, {
    policy: { allowPrivate: env.allowPrivateBaseUrls },
    timeoutMs: options.timeoutMs ?? env.timeoutMs,
    ...(options.rateLimitRetry ? { rateLimitRetry: options.rateLimitRetry } : {}),
  });
  return { client, connection: llmConnectionDto(row) };
}

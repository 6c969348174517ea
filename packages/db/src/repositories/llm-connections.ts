import { Prisma } from "../generated/prisma/client.ts";
import { prisma } from "../client.ts";
import { uniqueOrDuplicate } from "./models.ts";

/** Everything but the ciphertexts: what lists and the APIs may read. */
const PUBLIC_FIELDS = {
  id: true,
  provider: true,
  adapter: true,
  displaySecretKey: true,
  baseURL: true,
  customModels: true,
  withDefaultModels: true,
  extraHeaderKeys: true,
  config: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.LlmConnectionSelect;

export type LlmConnectionRow = Prisma.LlmConnectionGetPayload<{ select: typeof PUBLIC_FIELDS }>;
export type LlmConnectionSecretsRow = LlmConnectionRow & { secretKey: string; extraHeaders: string | null };

export interface LlmConnectionWrite {
  adapter: string;
  secretKey: string;
  displaySecretKey: string;
  baseURL: string | null;
  customModels: string[];
  withDefaultModels: boolean;
  extraHeaders: string | null;
  extraHeaderKeys: string[];
  config: Prisma.InputJsonValue | null;
}

/** Prisma stores SQL NULL for a Json column only when told with DbNull. */
const jsonOrNull = (config: Prisma.InputJsonValue | null) => config ?? Prisma.DbNull;

export async function listLlmConnectionRows(
  projectId: string,
  page?: { skip: number; take: number },
): Promise<{ rows: LlmConnectionRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    prisma.llmConnection.findMany({ where: { projectId }, select: PUBLIC_FIELDS, orderBy: { createdAt: "desc" }, ...page }),
    prisma.llmConnection.count({ where: { projectId } }),
  ]);
  return { rows, total };
}

/** The row with its ciphertexts, for a caller that is about to decrypt and call the provider. */
export async function findLlmConnectionWithSecrets(projectId: string, id: string): Promise<LlmConnectionSecretsRow | null> {
  return prisma.llmConnection.findFirst({ where: { projectId, id }, select: { ...PUBLIC_FIELDS, secretKey: true, extraHeaders: true } });
}

export async function findLlmConnectionByProvider(projectId: string, provider: string): Promise<LlmConnectionSecretsRow | null> {
  return prisma.llmConnection.findUnique({
    where: { projectId_provider: { projectId, provider } },
    select: { ...PUBLIC_FIELDS, secretKey: true, extraHeaders: true },
  });
}

/** Creates or replaces the connection named `provider` (Langfuse's upsert key). */
export async function upsertLlmConnectionRow(
  projectId: string,
  provider: string,
  data: LlmConnectionWrite,
): Promise<{ row: LlmConnectionRow; created: boolean }> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.llmConnection.findUnique({ where: { projectId_provider: { projectId, provider } }, select: { id: true } });
    const write = { ...data, config: jsonOrNull(data.config) };
    const row = await tx.llmConnection.upsert({
      where: { projectId_provider: { projectId, provider } },
      create: { projectId, provider, ...write },
      update: write,
      select: PUBLIC_FIELDS,
    });
    return { row, created: !existing };
  });
}

/** Creates a connection; "duplicate" when the project already has one of that name. */
export async function insertLlmConnectionRow(
  projectId: string,
  provider: string,
  data: LlmConnectionWrite,
): Promise<LlmConnectionRow | "duplicate"> {
  return uniqueOrDuplicate(() =>
    prisma.llmConnection.create({ data: { projectId, provider, ...data, config: jsonOrNull(data.config) }, select: PUBLIC_FIELDS }),
  );
}

/** Updates a connection by id within the project; null when it is not there, "duplicate" when the name is taken. */
export async function updateLlmConnectionRow(
  projectId: string,
  id: string,
  data: LlmConnectionWrite & { provider: string },
): Promise<LlmConnectionRow | null | "duplicate"> {
  const updated = await uniqueOrDuplicate(() =>
    prisma.llmConnection.updateMany({ where: { projectId, id }, data: { ...data, config: jsonOrNull(data.config) } }),
  );
  if (updated === "duplicate") return updated;
  if (updated.count === 0) return null;
  return prisma.llmConnection.findFirst({ where: { projectId, id }, select: PUBLIC_FIELDS });
}

export async function deleteLlmConnectionRow(projectId: string, id: string): Promise<boolean> {
  const { count } = await prisma.llmConnection.deleteMany({ where: { projectId, id } });
  return count > 0;
}

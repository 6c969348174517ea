import { prisma, type Tx } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { lockEntities } from "./locks.ts";
import { containsPattern, timeRange, whereAll } from "./sql.ts";

// Prompt versions, their labels and references. Every function takes the projectId first; writers run
// inside `inPromptTransaction`, which serialises all prompt writes of a project: writes are rare, and a
// reference cycle spanning two prompts saved at the same moment could otherwise pass both checks.

type Db = Tx | typeof prisma;

const WITH_LABELS = { labels: { select: { label: true }, orderBy: { label: "asc" } } } as const;
export type PromptVersionRow = Prisma.PromptGetPayload<{ include: typeof WITH_LABELS }>;
export type VersionSelector = { version: number } | { label: string };

export async function inPromptTransaction<T>(projectId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  // Label moves and deletions append to the audit chain in this transaction, waiting for its
  // instance-wide lock: Prisma's 5 s default is too short on a busy machine (as for inAuditTransaction).
  return prisma.$transaction(
    async (tx) => {
      await lockEntities(tx, [`${projectId}:prompts`]);
      return fn(tx);
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}

export async function findPromptVersion(projectId: string, name: string, selector: VersionSelector, db: Db = prisma) {
  if ("version" in selector)
    return db.prompt.findUnique({
      where: { projectId_name_version: { projectId, name, version: selector.version } },
      include: WITH_LABELS,
    });
  return db.prompt.findFirst({
    where: { projectId, name, labels: { some: { projectId, promptName: name, label: selector.label } } },
    include: WITH_LABELS,
  });
}

/** Every version of a name, newest first. */
export async function listPromptVersions(projectId: string, name: string, db: Db = prisma): Promise<PromptVersionRow[]> {
  return db.prompt.findMany({ where: { projectId, name }, include: WITH_LABELS, orderBy: { version: "desc" } });
}

export async function latestPromptVersion(tx: Tx, projectId: string, name: string) {
  return tx.prompt.findFirst({
    where: { projectId, name },
    orderBy: { version: "desc" },
    select: { id: true, version: true, type: true, tags: true },
  });
}

export type NewPromptVersion = {
  name: string;
  version: number;
  type: string;
  prompt: unknown;
  config: Record<string, unknown>;
  tags: string[];
  commitMessage: string | null;
  createdBy: string;
  references: { name: string; label?: string; version?: number }[];
};

/** Inserts a version with its references and gives every version of the name the same tags. */
export async function insertPromptVersion(tx: Tx, projectId: string, input: NewPromptVersion): Promise<string> {
  const { references, prompt, config, ...fields } = input;
  const row = await tx.prompt.create({
    data: {
      projectId,
      ...fields,
      prompt: prompt as Prisma.InputJsonValue,
      config: config as Prisma.InputJsonObject,
      dependencies: {
        create: references.map((r) => ({ projectId, childName: r.name, childLabel: r.label ?? null, childVersion: r.version ?? null })),
      },
    },
    select: { id: true },
  });
  await tx.prompt.updateMany({ where: { projectId, name: input.name, NOT: { tags: { equals: input.tags } } }, data: { tags: input.tags } });
  return row.id;
}

/**
 * Points each label at `promptId` (a version of `name`), taking it off whichever version had it. The
 * primary key (projectId, promptName, label) is what keeps a label on one version. Versions that gain
 * or lose a label get a new updatedAt.
 */
/** Puts `labels` on the version `promptId`; returns each label's previous version (null: it was new). */
export async function moveLabels(
  tx: Tx,
  projectId: string,
  name: string,
  promptId: string,
  labels: string[],
): Promise<{ label: string; previousVersion: number | null }[]> {
  if (labels.length === 0) return [];
  const previous = await tx.promptLabel.findMany({
    where: { projectId, promptName: name, label: { in: labels } },
    select: { promptId: true, label: true, prompt: { select: { version: true } } },
  });
  await tx.$executeRaw`
    INSERT INTO "PromptLabel" ("projectId", "promptName", "label", "promptId")
    SELECT ${projectId}, ${name}, l, ${promptId} FROM unnest(${labels}::text[]) AS l
    ON CONFLICT ("projectId", "promptName", "label") DO UPDATE SET "promptId" = EXCLUDED."promptId", "createdAt" = now()`;
  const touched = [...new Set([promptId, ...previous.map((p) => p.promptId)])];
  await tx.prompt.updateMany({ where: { projectId, id: { in: touched } }, data: { updatedAt: new Date() } });
  const before = new Map(previous.map((p) => [p.label, p.promptId === promptId ? "same" : p.prompt.version] as const));
  return labels.flatMap((label) => {
    const was = before.get(label);
    return was === "same" ? [] : [{ label, previousVersion: was ?? null }];
  });
}

export async function deletePromptVersions(tx: Tx, projectId: string, ids: string[]): Promise<number> {
  return (await tx.prompt.deleteMany({ where: { projectId, id: { in: ids } } })).count;
}

/** References from other prompts' versions to `name` (by any label or version), for the delete check. */
export async function findReferencesTo(tx: Tx, projectId: string, name: string) {
  return tx.promptDependency.findMany({
    where: { projectId, childName: name, parent: { name: { not: name } } },
    select: { childLabel: true, childVersion: true, parent: { select: { name: true, version: true } } },
  });
}

export type PromptMetaRow = {
  name: string;
  type: string;
  versions: number[];
  labels: string[];
  tags: string[];
  lastUpdatedAt: Date;
  lastConfig: unknown;
};

export type PromptMetaFilter = {
  name?: string;
  label?: string;
  tag?: string;
  fromUpdatedAt?: string;
  toUpdatedAt?: string;
  search?: string;
  type?: string;
};

/** One row per prompt name over the versions matching the filter (Langfuse's PromptMeta), newest change first. */
export async function listPromptMeta(projectId: string, filter: PromptMetaFilter, page: { limit: number; offset: number }) {
  const where = whereAll([
    Prisma.sql`p."projectId" = ${projectId}`,
    filter.name !== undefined && Prisma.sql`p."name" = ${filter.name}`,
    filter.search !== undefined && Prisma.sql`p."name" ILIKE ${containsPattern(filter.search)}`,
    filter.type !== undefined && Prisma.sql`p."type" = ${filter.type}`,
    filter.tag !== undefined && Prisma.sql`${filter.tag} = ANY(p."tags")`,
    filter.label !== undefined &&
      Prisma.sql`EXISTS (SELECT 1 FROM "PromptLabel" l WHERE l."promptId" = p."id" AND l."label" = ${filter.label})`,
    ...timeRange(Prisma.sql`p."updatedAt"`, filter.fromUpdatedAt, filter.toUpdatedAt),
  ]);
  const [rows, total] = await Promise.all([
    prisma.$queryRaw<PromptMetaRow[]>`
      SELECT p."name",
        (array_agg(p."type" ORDER BY p."version" DESC))[1] AS "type",
        array_agg(p."version" ORDER BY p."version") AS "versions",
        COALESCE((SELECT array_agg(l."label" ORDER BY l."label") FROM "PromptLabel" l
          WHERE l."projectId" = ${projectId} AND l."promptName" = p."name" AND l."promptId" = ANY(array_agg(p."id"))), '{}') AS "labels",
        (SELECT q."tags" FROM "Prompt" q WHERE q."projectId" = ${projectId} AND q."name" = p."name" ORDER BY q."version" DESC LIMIT 1) AS "tags",
        max(p."updatedAt") AS "lastUpdatedAt",
        (array_agg(p."config" ORDER BY p."version" DESC))[1] AS "lastConfig"
      FROM "Prompt" p WHERE ${where}
      GROUP BY p."name" ORDER BY max(p."updatedAt") DESC, p."name" LIMIT ${page.limit} OFFSET ${page.offset}`,
    prisma.$queryRaw<[{ n: number }]>`SELECT count(DISTINCT p."name")::int AS n FROM "Prompt" p WHERE ${where}`,
  ]);
  return { rows: rows.map((r) => ({ ...r, tags: r.tags ?? [] })), total: total[0].n };
}

/** Generations per prompt name in a window (the list's "usage" column), from the observations' promptName. */
export async function countPromptUsage(projectId: string, names: string[], since: Date): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ name: string; n: number }[]>`
    SELECT o."promptName" AS name, count(*)::int AS n FROM "Observation" o
    WHERE o."projectId" = ${projectId} AND o."promptName" = ANY(${names}::text[]) AND o."startTime" >= ${since}
    GROUP BY o."promptName"`;
  return new Map(rows.map((r) => [r.name, r.n]));
}

export async function getProtectedPromptLabels(projectId: string, db: Db = prisma): Promise<string[]> {
  const row = await db.project.findUnique({ where: { id: projectId }, select: { protectedPromptLabels: true } });
  return row?.protectedPromptLabels ?? [];
}

export async function setProtectedPromptLabels(projectId: string, labels: string[]): Promise<void> {
  await prisma.project.update({ where: { id: projectId }, data: { protectedPromptLabels: labels } });
}

// Label-move requests (protected labels): a MEMBER asks, an ADMIN+ decides; rows stay as history.

export type LabelRequestStatus = "PENDING" | "APPROVED" | "REJECTED";

export async function insertLabelRequest(
  tx: Tx,
  projectId: string,
  input: { promptName: string; label: string; version: number; requestedBy: string; comment: string | null },
) {
  return tx.promptLabelRequest.create({ data: { projectId, ...input } });
}

export async function findLabelRequest(projectId: string, id: string, db: Db = prisma) {
  return db.promptLabelRequest.findFirst({ where: { projectId, id } });
}

export async function findPendingLabelRequest(tx: Tx, projectId: string, promptName: string, label: string, version: number) {
  return tx.promptLabelRequest.findFirst({ where: { projectId, promptName, label, version, status: "PENDING" } });
}

export async function decideLabelRequest(tx: Tx, projectId: string, id: string, status: "APPROVED" | "REJECTED", decidedBy: string) {
  const { count } = await tx.promptLabelRequest.updateMany({
    where: { projectId, id, status: "PENDING" },
    data: { status, decidedBy, decidedAt: new Date() },
  });
  return count === 1;
}

/** Requests of a project (optionally one prompt, optionally one status), newest first, with the people's names. */
export async function listLabelRequests(projectId: string, filter: { promptName?: string; status?: LabelRequestStatus }, limit = 100) {
  const rows = await prisma.promptLabelRequest.findMany({
    where: {
      projectId,
      ...(filter.promptName !== undefined ? { promptName: filter.promptName } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    },
    orderBy: [{ requestedAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows;
}

import type { SCORE_CONFIG_DATA_TYPES } from "@loupe/contracts";
import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";

// Score configs of a project (public API and score validation).

export type NewScoreConfig = {
  name: string;
  dataType: (typeof SCORE_CONFIG_DATA_TYPES)[number];
  categories: { value: number; label: string }[] | null;
  minValue: number | null;
  maxValue: number | null;
  description: string | null;
};

export async function listScoreConfigsPage(projectId: string, page: { limit: number; offset: number }) {
  const [rows, total] = await Promise.all([
    prisma.scoreConfig.findMany({
      where: { projectId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: page.limit,
      skip: page.offset,
    }),
    prisma.scoreConfig.count({ where: { projectId } }),
  ]);
  return { rows, total };
}

export async function findScoreConfig(projectId: string, id: string) {
  return prisma.scoreConfig.findFirst({ where: { projectId, id } });
}

/** Returns null when the project already has a config with this name. */
export async function insertScoreConfig(projectId: string, input: NewScoreConfig) {
  try {
    return await prisma.scoreConfig.create({
      data: { projectId, ...input, categories: input.categories ?? Prisma.DbNull },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return null;
    throw error;
  }
}

export type ScoreConfigPatch = Partial<Omit<NewScoreConfig, "dataType">> & { isArchived?: boolean };

/** Applies `patch` to a config of the project: "not-found", "name-taken" or the updated row. */
export async function updateScoreConfig(projectId: string, id: string, patch: ScoreConfigPatch) {
  const { categories, ...fields } = patch;
  try {
    return await prisma.scoreConfig.update({
      where: { id, projectId },
      data: { ...fields, ...(categories === undefined ? {} : { categories: categories ?? Prisma.DbNull }) },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError) {
      if (error.code === "P2025") return "not-found" as const;
      if (error.code === "P2002") return "name-taken" as const;
    }
    throw error;
  }
}

/** Score configs a person can annotate with (not archived; with `includeArchived`, all), by name. */
export async function listActiveScoreConfigs(projectId: string, includeArchived = false) {
  return prisma.scoreConfig.findMany({ where: { projectId, ...(includeArchived ? {} : { isArchived: false }) }, orderBy: { name: "asc" } });
}

/** The configs of `ids` that belong to the project, in any order. */
export async function findScoreConfigsByIds(projectId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return prisma.scoreConfig.findMany({ where: { projectId, id: { in: ids } } });
}

import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";

/** A project's own model definitions (they override the built-ins in @loupe/domain). */
export async function listProjectModels(projectId: string) {
  return prisma.model.findMany({
    where: { projectId },
    include: { pricingTiers: { orderBy: { priority: "asc" } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

export type ProjectModelRow = Awaited<ReturnType<typeof listProjectModels>>[number];

export async function findProjectModel(projectId: string, id: string): Promise<ProjectModelRow | null> {
  return prisma.model.findFirst({ where: { projectId, id }, include: { pricingTiers: { orderBy: { priority: "asc" } } } });
}

export async function findProjectModelsByIds(projectId: string, ids: string[]): Promise<ProjectModelRow[]> {
  if (ids.length === 0) return [];
  return prisma.model.findMany({ where: { projectId, id: { in: ids } }, include: { pricingTiers: { orderBy: { priority: "asc" } } } });
}

export type NewProjectModel = {
  modelName: string;
  matchPattern: string;
  startDate: Date | null;
  unit: string | null;
  tokenizerId: string | null;
  tokenizerConfig: Record<string, unknown> | null;
  tiers: { name: string; isDefault: boolean; priority: number; conditions: unknown[]; prices: Record<string, number> }[];
};

function modelData(input: NewProjectModel) {
  const { tiers, tokenizerConfig, ...fields } = input;
  return {
    ...fields,
    tokenizerConfig: tokenizerConfig === null ? Prisma.DbNull : (tokenizerConfig as Prisma.InputJsonObject),
    pricingTiers: {
      create: tiers.map((t) => ({ ...t, conditions: t.conditions as Prisma.InputJsonArray, prices: t.prices })),
    },
  };
}

const WITH_TIERS = { pricingTiers: { orderBy: { priority: "asc" } } } as const;

/** "duplicate" when the write breaks a unique constraint (a model's name + startDate, a connection's name). */
export async function uniqueOrDuplicate<T>(write: () => Promise<T>): Promise<T | "duplicate"> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "duplicate";
    throw error;
  }
}

export async function insertProjectModel(projectId: string, input: NewProjectModel): Promise<ProjectModelRow | "duplicate"> {
  return uniqueOrDuplicate(() => prisma.model.create({ data: { projectId, ...modelData(input) }, include: WITH_TIERS }));
}

/**
 * Creates the model with this id, or replaces it (fields and tiers) when the project has it already.
 * "taken" when the id belongs to a model of another project.
 */
export async function upsertProjectModel(
  projectId: string,
  id: string,
  input: NewProjectModel,
): Promise<ProjectModelRow | "duplicate" | "taken"> {
  return uniqueOrDuplicate(() =>
    prisma.$transaction(async (tx) => {
      const existing = await tx.model.findUnique({ where: { id }, select: { projectId: true } });
      if (existing && existing.projectId !== projectId) return "taken" as const;
      if (!existing) return tx.model.create({ data: { id, projectId, ...modelData(input) }, include: WITH_TIERS });
      await tx.pricingTier.deleteMany({ where: { modelId: id } });
      return tx.model.update({ where: { id }, data: modelData(input), include: WITH_TIERS });
    }),
  );
}

export async function deleteProjectModel(projectId: string, id: string): Promise<boolean> {
  const { count } = await prisma.model.deleteMany({ where: { projectId, id } });
  return count > 0;
}

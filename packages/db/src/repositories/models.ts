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

export async function insertProjectModel(projectId: string, input: NewProjectModel): Promise<ProjectModelRow> {
  const { tiers, tokenizerConfig, ...fields } = input;
  return prisma.model.create({
    data: {
      projectId,
      ...fields,
      tokenizerConfig: tokenizerConfig === null ? Prisma.DbNull : (tokenizerConfig as Prisma.InputJsonObject),
      pricingTiers: {
        create: tiers.map((t) => ({ ...t, conditions: t.conditions as Prisma.InputJsonArray, prices: t.prices })),
      },
    },
    include: { pricingTiers: { orderBy: { priority: "asc" } } },
  });
}

export async function deleteProjectModel(projectId: string, id: string): Promise<boolean> {
  const { count } = await prisma.model.deleteMany({ where: { projectId, id } });
  return count > 0;
}

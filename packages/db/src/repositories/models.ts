import { prisma } from "../client.ts";

/** A project's own model definitions (they override the built-ins in @loupe/domain). */
export async function listProjectModels(projectId: string) {
  return prisma.model.findMany({ where: { projectId }, include: { pricingTiers: true } });
}

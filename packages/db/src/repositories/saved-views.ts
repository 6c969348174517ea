import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";

// Saved views of the list tables. Every function takes projectId first and scopes by it; `state` holds
// what the contract parsed (ZSavedViewState) and the service checked against the table's list query.

export type SavedViewRow = Prisma.SavedViewGetPayload<Record<string, never>>;
export type SavedViewWrite = { name: string; state: Prisma.InputJsonValue };

/** A project's views of one table, by name. */
export function listSavedViewRows(projectId: string, table: string) {
  return prisma.savedView.findMany({ where: { projectId, table }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

export function findSavedViewRow(projectId: string, id: string) {
  return prisma.savedView.findFirst({ where: { projectId, id } });
}

const isNameTaken = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** The new view, or "name-taken" when the table already has a view of that name. */
export async function createSavedViewRow(projectId: string, input: SavedViewWrite & { table: string; createdBy: string | null }) {
  try {
    return await prisma.savedView.create({ data: { projectId, ...input } });
  } catch (error) {
    if (isNameTaken(error)) return "name-taken" as const;
    throw error;
  }
}

/** The changed view, "not-found", or "name-taken". */
export async function updateSavedViewRow(projectId: string, id: string, patch: Partial<SavedViewWrite>) {
  try {
    return await prisma.savedView.update({ where: { id, projectId }, data: patch });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") return "not-found" as const;
    if (isNameTaken(error)) return "name-taken" as const;
    throw error;
  }
}

/** True when a view of the project was deleted. */
export async function deleteSavedViewRow(projectId: string, id: string): Promise<boolean> {
  const { count } = await prisma.savedView.deleteMany({ where: { projectId, id } });
  return count > 0;
}

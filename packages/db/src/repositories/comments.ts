import type { CommentObjectType } from "@loupe/contracts";
import { prisma } from "../client.ts";

// Comments on traces, observations, sessions and prompts (projectId first; oldest first per object).

const AUTHOR = { select: { id: true, name: true, email: true } } as const;

export async function insertComment(
  projectId: string,
  input: { objectType: CommentObjectType; objectId: string; content: string; authorUserId: string | null },
) {
  return prisma.comment.create({ data: { projectId, ...input }, include: { author: AUTHOR } });
}

export async function listObjectComments(projectId: string, objectType: CommentObjectType, objectId: string) {
  return prisma.comment.findMany({
    where: { projectId, objectType, objectId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { author: AUTHOR },
    take: 500,
  });
}

export async function findComment(projectId: string, commentId: string) {
  return prisma.comment.findFirst({ where: { projectId, id: commentId }, include: { author: AUTHOR } });
}

export async function listCommentsPage(
  projectId: string,
  filter: { objectType?: CommentObjectType; objectId?: string; authorUserId?: string },
  page: { limit: number; offset: number },
) {
  const where = { projectId, ...filter };
  const [rows, total] = await Promise.all([
    prisma.comment.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: page.limit, skip: page.offset }),
    prisma.comment.count({ where }),
  ]);
  return { rows, total };
}

/** Deletes a comment of the project written by `authorUserId` (people delete only their own). */
export async function deleteOwnComment(projectId: string, commentId: string, authorUserId: string): Promise<boolean> {
  const { count } = await prisma.comment.deleteMany({ where: { projectId, id: commentId, authorUserId } });
  return count > 0;
}

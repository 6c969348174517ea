import type { AnnotationItemStatus, AnnotationObjectType } from "@loupe/contracts";
import type { ScoreRecord } from "@loupe/domain";
import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { upsertScoreRecords } from "./scores.ts";

// Annotation queues, their items and assignments. Every function takes projectId first; a queue of
// another project is "not found".

const PERSON = { select: { id: true, name: true, email: true } } as const;

export async function insertAnnotationQueue(
  projectId: string,
  input: { name: string; description: string | null; scoreConfigIds: string[]; assigneeUserIds?: string[] },
) {
  try {
    return await prisma.annotationQueue.create({
      data: {
        projectId,
        name: input.name,
        description: input.description,
        scoreConfigIds: input.scoreConfigIds,
        assignments: { create: (input.assigneeUserIds ?? []).map((userId) => ({ projectId, userId })) },
      },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return null;
    throw error;
  }
}

export async function findAnnotationQueue(projectId: string, queueId: string) {
  return prisma.annotationQueue.findFirst({ where: { projectId, id: queueId } });
}

export async function listAnnotationQueuesPage(projectId: string, page: { limit: number; offset: number }) {
  const [rows, total] = await Promise.all([
    prisma.annotationQueue.findMany({
      where: { projectId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: page.limit,
      skip: page.offset,
    }),
    prisma.annotationQueue.count({ where: { projectId } }),
  ]);
  return { rows, total };
}

/**
 * The UI's list: queues with their assignees and pending/completed counts (one grouped query for the
 * counts); `assignedTo` keeps only the queues assigned to that user.
 */
export async function listAnnotationQueuesWithCounts(projectId: string, queueIds?: string[], assignedTo?: string) {
  const rows = await prisma.annotationQueue.findMany({
    where: {
      projectId,
      ...(queueIds ? { id: { in: queueIds } } : {}),
      ...(assignedTo ? { assignments: { some: { userId: assignedTo } } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { assignments: { select: { user: PERSON }, orderBy: { createdAt: "asc" } } },
  });
  const counts = await prisma.annotationQueueItem.groupBy({
    by: ["queueId", "status"],
    where: { projectId, queueId: { in: rows.map((r) => r.id) } },
    _count: { _all: true },
  });
  const countOf = (queueId: string, status: AnnotationItemStatus) =>
    counts.find((c) => c.queueId === queueId && c.status === status)?._count._all ?? 0;
  return rows.map((r) => ({
    ...r,
    assignees: r.assignments.map((a) => a.user),
    counts: { pending: countOf(r.id, "PENDING"), completed: countOf(r.id, "COMPLETED") },
  }));
}

/** Adds objects to a queue; objects already in it are left as they are. Returns how many were new. */
export async function insertQueueItems(
  projectId: string,
  queueId: string,
  objectType: AnnotationObjectType,
  objectIds: string[],
  status: AnnotationItemStatus = "PENDING",
): Promise<number> {
  const { count } = await prisma.annotationQueueItem.createMany({
    data: [...new Set(objectIds)].map((objectId) => ({
      projectId,
      queueId,
      objectType,
      objectId,
      status,
      completedAt: status === "COMPLETED" ? new Date() : null,
    })),
    skipDuplicates: true,
  });
  return count;
}

export async function findQueueItemByObject(projectId: string, queueId: string, objectType: AnnotationObjectType, objectId: string) {
  return prisma.annotationQueueItem.findFirst({ where: { projectId, queueId, objectType, objectId } });
}

const ITEM_ORDER = [{ createdAt: "asc" }, { id: "asc" }] satisfies Prisma.AnnotationQueueItemOrderByWithRelationInput[];

export async function listQueueItemsPage(
  projectId: string,
  queueId: string,
  filter: { status?: AnnotationItemStatus },
  page: { limit: number; offset: number },
) {
  const where = { projectId, queueId, ...(filter.status ? { status: filter.status } : {}) };
  const [rows, total] = await Promise.all([
    prisma.annotationQueueItem.findMany({
      where,
      orderBy: ITEM_ORDER,
      take: page.limit,
      skip: page.offset,
      include: { completedBy: PERSON },
    }),
    prisma.annotationQueueItem.count({ where }),
  ]);
  return { rows, total };
}

export async function findQueueItem(projectId: string, queueId: string, itemId: string) {
  return prisma.annotationQueueItem.findFirst({ where: { projectId, queueId, id: itemId }, include: { completedBy: PERSON } });
}

/** The first pending item of a queue, in the reviewer's order. */
export async function findFirstPendingItem(projectId: string, queueId: string) {
  return prisma.annotationQueueItem.findFirst({
    where: { projectId, queueId, status: "PENDING" },
    orderBy: ITEM_ORDER,
    include: { completedBy: PERSON },
  });
}

/**
 * Where an item stands in its queue (oldest first): its 1-based position, the queue's size, the items
 * before and after it, and the next pending item after it (wrapping to the start), in one query.
 */
export async function queueItemNeighbours(projectId: string, queueId: string, item: { id: string; createdAt: Date }) {
  const [row] = await prisma.$queryRaw<
    { position: number; total: number; previousId: string | null; nextId: string | null; nextPendingId: string | null }[]
  >`
    WITH q AS (
      SELECT "id", "status", "createdAt" FROM "AnnotationQueueItem" WHERE "projectId" = ${projectId} AND "queueId" = ${queueId}
    ), after AS (
      SELECT * FROM q WHERE ("createdAt", "id") > (${item.createdAt}, ${item.id})
    ), before AS (
      SELECT * FROM q WHERE ("createdAt", "id") < (${item.createdAt}, ${item.id})
    )
    SELECT
      (SELECT count(*)::int FROM before) + 1 AS "position",
      (SELECT count(*)::int FROM q) AS "total",
      (SELECT "id" FROM before ORDER BY "createdAt" DESC, "id" DESC LIMIT 1) AS "previousId",
      (SELECT "id" FROM after ORDER BY "createdAt", "id" LIMIT 1) AS "nextId",
      COALESCE(
        (SELECT "id" FROM after WHERE "status" = 'PENDING' ORDER BY "createdAt", "id" LIMIT 1),
        (SELECT "id" FROM before WHERE "status" = 'PENDING' ORDER BY "createdAt", "id" LIMIT 1)
      ) AS "nextPendingId"`;
  return row ?? { position: 1, total: 1, previousId: null, nextId: null, nextPendingId: null };
}

/** Sets an item's status; completing records who and when, reopening clears both. Null when not found. */
export async function setQueueItemStatus(
  projectId: string,
  queueId: string,
  itemId: string,
  status: AnnotationItemStatus,
  byUserId: string | null,
) {
  const { count } = await prisma.annotationQueueItem.updateMany({
    where: { projectId, queueId, id: itemId },
    data:
      status === "COMPLETED"
        ? { status, completedAt: new Date(), completedByUserId: byUserId }
        : { status, completedAt: null, completedByUserId: null },
  });
  return count > 0 ? findQueueItem(projectId, queueId, itemId) : null;
}

export async function deleteQueueItem(projectId: string, queueId: string, itemId: string): Promise<boolean> {
  const { count } = await prisma.annotationQueueItem.deleteMany({ where: { projectId, queueId, id: itemId } });
  return count > 0;
}

/** Scores written through a queue, per object (the review view and the items table's score count). */
export async function listQueueScores(projectId: string, queueId: string, objectIds: string[]) {
  if (objectIds.length === 0) return [];
  return prisma.$queryRaw<
    {
      objectId: string;
      configId: string | null;
      name: string;
      value: number | null;
      stringValue: string | null;
      authorUserId: string | null;
    }[]
  >`
    SELECT COALESCE(s."observationId", s."traceId", s."sessionId") AS "objectId", s."configId", s."name", s."value", s."stringValue", s."authorUserId"
    FROM "Score" s
    WHERE s."projectId" = ${projectId} AND s."queueId" = ${queueId}
      AND COALESCE(s."observationId", s."traceId", s."sessionId") = ANY(${objectIds}::text[])
    ORDER BY s."timestamp"`;
}

export async function addQueueAssignment(projectId: string, queueId: string, userId: string) {
  await prisma.annotationQueueAssignment.upsert({
    where: { queueId_userId: { queueId, userId } },
    create: { projectId, queueId, userId },
    update: {},
  });
}

export async function isQueueAssignee(projectId: string, queueId: string, userId: string): Promise<boolean> {
  return (await prisma.annotationQueueAssignment.count({ where: { projectId, queueId, userId } })) > 0;
}

export async function removeQueueAssignment(projectId: string, queueId: string, userId: string): Promise<boolean> {
  const { count } = await prisma.annotationQueueAssignment.deleteMany({ where: { projectId, queueId, userId } });
  return count > 0;
}

/** Replaces a queue's assignees with `userIds`, in one transaction. */
export async function setQueueAssignments(projectId: string, queueId: string, userIds: string[]) {
  await prisma.$transaction([
    prisma.annotationQueueAssignment.deleteMany({ where: { projectId, queueId, userId: { notIn: userIds } } }),
    prisma.annotationQueueAssignment.createMany({ data: userIds.map((userId) => ({ projectId, queueId, userId })), skipDuplicates: true }),
  ]);
}

/**
 * A reviewer's submit: the scores, the comment on the object and the item's completion in one
 * transaction, so a failure leaves neither scores without a completed item nor the reverse.
 */
export async function completeQueueItemWithScores(
  projectId: string,
  item: { queueId: string; id: string; objectType: AnnotationObjectType; objectId: string },
  userId: string,
  scores: ScoreRecord[],
  comment: string | null,
) {
  await prisma.$transaction(async (tx) => {
    await upsertScoreRecords(tx, projectId, scores);
    if (comment) {
      await tx.comment.create({
        data: { projectId, objectType: item.objectType, objectId: item.objectId, content: comment, authorUserId: userId },
      });
    }
    await tx.annotationQueueItem.updateMany({
      where: { projectId, queueId: item.queueId, id: item.id },
      data: { status: "COMPLETED", completedAt: new Date(), completedByUserId: userId },
    });
  });
}

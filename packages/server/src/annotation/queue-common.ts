import type { AnnotationObjectType, Role, TAnnotationQueue, TAnnotationQueueItem, TCreateAnnotationQueueBody } from "@loupe/contracts";
import {
  findAnnotationObjects,
  findAnnotationQueue,
  findScoreConfigsByIds,
  insertAnnotationQueue,
  isQueueAssignee,
  listProjectMembers,
} from "@loupe/db";
import { can, seesAllAnnotationQueues } from "@loupe/domain";
import { badRequest, conflict, notFoundInProject } from "../errors.ts";

// What the UI and the public API share about queues: the create rules, object checks and DTOs.

type QueueRow = NonNullable<Awaited<ReturnType<typeof findAnnotationQueue>>>;
type ItemRow = {
  id: string;
  queueId: string;
  objectId: string;
  objectType: AnnotationObjectType;
  status: TAnnotationQueueItem["status"];
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export const toQueueDto = (q: QueueRow): TAnnotationQueue => ({
  id: q.id,
  name: q.name,
  description: q.description,
  scoreConfigIds: q.scoreConfigIds,
  createdAt: q.createdAt.toISOString(),
  updatedAt: q.updatedAt.toISOString(),
});

export const toItemDto = (i: ItemRow): TAnnotationQueueItem => ({
  id: i.id,
  queueId: i.queueId,
  objectId: i.objectId,
  objectType: i.objectType,
  status: i.status,
  completedAt: i.completedAt?.toISOString() ?? null,
  createdAt: i.createdAt.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
});

export async function requireQueue(projectId: string, queueId: string): Promise<QueueRow> {
  const queue = await findAnnotationQueue(projectId, queueId);
  if (!queue) throw notFoundInProject("Annotation queue", queueId);
  return queue;
}

/**
 * The queue as this user may see it: an ANNOTATOR reaches only queues assigned to it, and any other
 * queue answers the same 404 as one that does not exist (its name is not revealed).
 */
export async function requireVisibleQueue(actor: { projectId: string; userId: string; role: Role }, queueId: string): Promise<QueueRow> {
  const queue = await requireQueue(actor.projectId, queueId);
  if (!seesAllAnnotationQueues(actor.role) && !(await isQueueAssignee(actor.projectId, queueId, actor.userId)))
    throw notFoundInProject("Annotation queue", queueId);
  return queue;
}

/** Refuses user ids that are not project members allowed to annotate (checked before anything is written). */
export async function requireAnnotators(projectId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const members = new Map((await listProjectMembers(projectId)).map((m) => [m.id, m]));
  for (const id of userIds) {
    const member = members.get(id);
    if (!member) throw badRequest(`userId ${id} is not a member of this project`);
    if (!can(member.role, "annotate")) throw badRequest(`userId ${id} has the role ${member.role}, which may not annotate`);
  }
}

/** Creates a queue after checking that every score config is the project's and active. */
export async function createQueue(projectId: string, body: TCreateAnnotationQueueBody & { assigneeUserIds?: string[] }): Promise<QueueRow> {
  const ids = [...new Set(body.scoreConfigIds)];
  const configs = await findScoreConfigsByIds(projectId, ids);
  const missing = ids.filter((id) => !configs.some((c) => c.id === id && !c.isArchived));
  if (missing.length > 0) throw badRequest(`scoreConfigIds: unknown or archived score config ${missing.join(", ")}`);
  await requireAnnotators(projectId, body.assigneeUserIds ?? []);
  const queue = await insertAnnotationQueue(projectId, {
    name: body.name,
    description: body.description ?? null,
    scoreConfigIds: ids,
    assigneeUserIds: body.assigneeUserIds,
  });
  if (!queue) throw conflict(`An annotation queue named "${body.name}" already exists in this project`);
  return queue;
}

/** The ids among `objectIds` that do not exist in the project, so nothing is queued for an object that is not there. */
export async function requireObjects(projectId: string, objectType: AnnotationObjectType, objectIds: string[]): Promise<void> {
  const found = await findAnnotationObjects(projectId, objectType, objectIds);
  const missing = objectIds.filter((id) => !found.has(id));
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).join(", ");
    throw notFoundInProject(objectType.toLowerCase(), missing.length > 5 ? `${shown} (+${missing.length - 5} more)` : shown);
  }
}

import {
  MAX_ITEMS_PER_ADD,
  offsetOf,
  pageMeta,
  type Role,
  type TAddQueueItemsBody,
  type TCompleteItemBody,
  type TCreateQueueBody,
  type TQueueDetailResponse,
  type TQueueItemRow,
  type TQueueSummary,
  type TReviewItemResponse,
} from "@loupe/contracts";
import {
  completeQueueItemWithScores,
  findAnnotationObjects,
  findFirstPendingItem,
  findQueueItem,
  findScoreConfigsByIds,
  insertQueueItems,
  listAnnotationQueuesWithCounts,
  listProjectMembers,
  listQueueItemsPage,
  listQueueScores,
  listTraces,
  queueItemNeighbours,
  type ScoreRecord,
  setQueueAssignments,
} from "@loupe/db";
import { can, seesAllAnnotationQueues } from "@loupe/domain";
import { requireCapability } from "../auth/roles.ts";
import { badRequest, notFoundInProject } from "../errors.ts";
import { scoreValue, toScoreConfigItem } from "../queries/trace-annotations.ts";
import {
  createQueue,
  requireAnnotators,
  requireObjects,
  requireQueue,
  requireVisibleQueue,
  toItemDto,
  toQueueDto,
} from "./queue-common.ts";

// Annotation queues in the UI: the list, a queue's items, adding objects, and the reviewer's loop.

export type QueueActor = { userId: string; projectId: string; role: Role };

async function summaries(projectId: string, queueIds?: string[], assignedTo?: string): Promise<TQueueSummary[]> {
  const rows = await listAnnotationQueuesWithCounts(projectId, queueIds, assignedTo);
  const configs = await findScoreConfigsByIds(projectId, [...new Set(rows.flatMap((r) => r.scoreConfigIds))]);
  return rows.map((r) => ({
    ...toQueueDto(r),
    // In the queue's order; a config deleted since is left out, an archived one still shows.
    scoreConfigs: r.scoreConfigIds.flatMap((id) => configs.filter((c) => c.id === id).map(toScoreConfigItem)),
    assignees: r.assignees,
    counts: r.counts,
  }));
}

async function summary(projectId: string, queueId: string): Promise<TQueueSummary> {
  const [queue] = await summaries(projectId, [queueId]);
  if (!queue) throw notFoundInProject("Annotation queue", queueId);
  return queue;
}

/** The project's queues; an ANNOTATOR's list holds only the queues assigned to it. */
export async function listQueues(actor: QueueActor): Promise<{ data: TQueueSummary[] }> {
  return { data: await summaries(actor.projectId, undefined, seesAllAnnotationQueues(actor.role) ? undefined : actor.userId) };
}

export async function createQueueForUser(actor: QueueActor, body: TCreateQueueBody): Promise<TQueueSummary> {
  requireCapability(actor.role, "project:write");
  const queue = await createQueue(actor.projectId, body);
  return summary(actor.projectId, queue.id);
}

export async function setQueueAssignees(actor: QueueActor, queueId: string, userIds: string[]): Promise<TQueueSummary> {
  requireCapability(actor.role, "project:write");
  await requireQueue(actor.projectId, queueId);
  await requireAnnotators(actor.projectId, userIds);
  await setQueueAssignments(actor.projectId, queueId, [...new Set(userIds)]);
  return summary(actor.projectId, queueId);
}

async function withScoreCounts(
  projectId: string,
  queueId: string,
  rows: Awaited<ReturnType<typeof listQueueItemsPage>>["rows"],
): Promise<TQueueItemRow[]> {
  const scores = await listQueueScores(
    projectId,
    queueId,
    rows.map((r) => r.objectId),
  );
  return rows.map((r) => ({
    ...toItemDto(r),
    completedBy: r.completedBy,
    scoreCount: scores.filter((s) => s.objectId === r.objectId).length,
  }));
}

export async function getQueueDetail(
  actor: QueueActor,
  queueId: string,
  query: { page: number; limit: number; status?: "PENDING" | "COMPLETED" },
): Promise<TQueueDetailResponse> {
  const { projectId } = actor;
  await requireVisibleQueue(actor, queueId);
  const queue = await summary(projectId, queueId);
  const [{ rows, total }, members] = await Promise.all([
    listQueueItemsPage(projectId, queueId, { status: query.status }, { limit: query.limit, offset: offsetOf(query) }),
    listProjectMembers(projectId),
  ]);
  return {
    queue,
    members: members.filter((m) => can(m.role, "annotate")).map(({ id, name, email }) => ({ id, name, email })),
    items: await withScoreCounts(projectId, queueId, rows),
    meta: pageMeta(query, total),
  };
}

/** Adds a selection, one object, or the traces a filter matches (newest first, at most MAX_ITEMS_PER_ADD). */
export async function addQueueItems(
  actor: QueueActor,
  queueId: string,
  body: TAddQueueItemsBody,
): Promise<{ added: number; skipped: number }> {
  requireCapability(actor.role, "project:write");
  await requireQueue(actor.projectId, queueId);
  let objectType = body.source === "ids" ? body.objectType : ("TRACE" as const);
  let ids: string[];
  if (body.source === "ids") {
    ids = [...new Set(body.objectIds)];
    await requireObjects(actor.projectId, objectType, ids);
  } else {
    const { page: _page, limit: _limit, ...filter } = body.filter;
    const { rows } = await listTraces({ ...filter, projectId: actor.projectId, limit: MAX_ITEMS_PER_ADD, offset: 0 });
    ids = rows.map((r) => r.id);
    objectType = "TRACE";
  }
  const added = await insertQueueItems(actor.projectId, queueId, objectType, ids);
  return { added, skipped: ids.length - added };
}

/** The annotate view's item (the first pending one without itemId), its place in the queue and this queue's scores on it. */
export async function getReviewItem(actor: QueueActor, queueId: string, itemId: string | undefined): Promise<TReviewItemResponse | null> {
  const { projectId } = actor;
  await requireVisibleQueue(actor, queueId);
  const queue = await summary(projectId, queueId);
  const item = itemId ? await findQueueItem(projectId, queueId, itemId) : await findFirstPendingItem(projectId, queueId);
  if (itemId && !item) throw notFoundInProject("Annotation queue item", itemId);
  if (!item) return null;
  const [neighbours, objects, scores] = await Promise.all([
    queueItemNeighbours(projectId, queueId, item),
    findAnnotationObjects(projectId, item.objectType, [item.objectId]),
    listQueueScores(projectId, queueId, [item.objectId]),
  ]);
  const [row] = await withScoreCounts(projectId, queueId, [item]);
  return {
    queue,
    item: row as TQueueItemRow,
    ...neighbours,
    traceId: objects.get(item.objectId)?.traceId ?? null,
    scores: scores.map(({ objectId: _o, ...s }) => s),
  };
}

/**
 * Submits a reviewer's scores (source ANNOTATION, with the author and the queue) and comment, and
 * completes the item. Every value is checked against its config before anything is written.
 */
export async function completeQueueItem(actor: QueueActor, queueId: string, itemId: string, body: TCompleteItemBody) {
  requireCapability(actor.role, "annotate");
  const queue = await requireVisibleQueue(actor, queueId);
  const item = await findQueueItem(actor.projectId, queueId, itemId);
  if (!item) throw notFoundInProject("Annotation queue item", itemId);
  const object = (await findAnnotationObjects(actor.projectId, item.objectType, [item.objectId])).get(item.objectId);
  if (!object) throw badRequest(`The ${item.objectType.toLowerCase()} ${item.objectId} of this item no longer exists; remove the item`);
  const configs = await findScoreConfigsByIds(actor.projectId, queue.scoreConfigIds);
  const timestamp = new Date();
  const records: ScoreRecord[] = body.scores.map((s, i) => {
    const config = configs.find((c) => c.id === s.configId);
    if (!config) throw badRequest(`scores.${i}.configId: ${s.configId} is not a score config of this queue`);
    const value =
      config.dataType === "TEXT"
        ? { value: null, stringValue: String(s.value) }
        : scoreValue({ dataType: config.dataType, value: s.value }, config);
    return {
      // One score per item, config and author: submitting again (after going back) updates it.
      id: `aq-${item.id}-${config.id}-${actor.userId}`,
      name: config.name,
      ...value,
      dataType: config.dataType,
      source: "ANNOTATION",
      traceId: object.traceId,
      observationId: item.objectType === "OBSERVATION" ? item.objectId : null,
      sessionId: item.objectType === "SESSION" ? item.objectId : null,
      datasetRunId: null,
      comment: null,
      metadata: {},
      configId: config.id,
      queueId,
      environment: object.environment,
      timestamp,
      authorUserId: actor.userId,
    };
  });
  await completeQueueItemWithScores(actor.projectId, item, actor.userId, records, body.comment || null);
  const neighbours = await queueItemNeighbours(actor.projectId, queueId, item);
  return { id: item.id, status: "COMPLETED" as const, nextPendingId: neighbours.nextPendingId };
}

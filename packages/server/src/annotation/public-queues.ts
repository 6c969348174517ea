import {
  offsetOf,
  pageMeta,
  type TAnnotationQueue,
  type TAnnotationQueueItem,
  type TAnnotationQueueItemsQuery,
  type TAnnotationQueueItemsResponse,
  type TAnnotationQueuesResponse,
  type TCreateAnnotationQueueBody,
  type TCreateAnnotationQueueItemBody,
  type TPageQuery,
  type TUpdateAnnotationQueueItemBody,
} from "@loupe/contracts";
import {
  addQueueAssignment,
  deleteQueueItem,
  findQueueItem,
  findQueueItemByObject,
  insertQueueItems,
  listAnnotationQueuesPage,
  listQueueItemsPage,
  removeQueueAssignment,
  setQueueItemStatus,
} from "@loupe/db";
import { notFoundInProject } from "../errors.ts";
import { createQueue, requireAnnotators, requireObjects, requireQueue, toItemDto, toQueueDto } from "./queue-common.ts";

// /api/public/annotation-queues… — the API key acts for its project, as in Langfuse.

export async function listPublicQueues(projectId: string, query: TPageQuery): Promise<TAnnotationQueuesResponse> {
  const { rows, total } = await listAnnotationQueuesPage(projectId, { limit: query.limit, offset: offsetOf(query) });
  return { data: rows.map(toQueueDto), meta: pageMeta(query, total) };
}

export async function getPublicQueue(projectId: string, queueId: string): Promise<TAnnotationQueue> {
  return toQueueDto(await requireQueue(projectId, queueId));
}

export async function createPublicQueue(projectId: string, body: TCreateAnnotationQueueBody): Promise<TAnnotationQueue> {
  return toQueueDto(await createQueue(projectId, body));
}

export async function listPublicQueueItems(
  projectId: string,
  queueId: string,
  query: TAnnotationQueueItemsQuery,
): Promise<TAnnotationQueueItemsResponse> {
  await requireQueue(projectId, queueId);
  const { rows, total } = await listQueueItemsPage(
    projectId,
    queueId,
    { status: query.status },
    { limit: query.limit, offset: offsetOf(query) },
  );
  return { data: rows.map(toItemDto), meta: pageMeta(query, total) };
}

async function requireItem(projectId: string, queueId: string, itemId: string) {
  await requireQueue(projectId, queueId);
  const item = await findQueueItem(projectId, queueId, itemId);
  if (!item) throw notFoundInProject("Annotation queue item", itemId);
  return item;
}

export async function getPublicQueueItem(projectId: string, queueId: string, itemId: string): Promise<TAnnotationQueueItem> {
  return toItemDto(await requireItem(projectId, queueId, itemId));
}

/** Adds one object; adding an object that is already queued answers the existing item (idempotent for retries). */
export async function createPublicQueueItem(
  projectId: string,
  queueId: string,
  body: TCreateAnnotationQueueItemBody,
): Promise<TAnnotationQueueItem> {
  await requireQueue(projectId, queueId);
  await requireObjects(projectId, body.objectType, [body.objectId]);
  await insertQueueItems(projectId, queueId, body.objectType, [body.objectId], body.status ?? "PENDING");
  const item = await findQueueItemByObject(projectId, queueId, body.objectType, body.objectId);
  if (!item) throw notFoundInProject("Annotation queue item", body.objectId);
  return toItemDto(item);
}

export async function updatePublicQueueItem(
  projectId: string,
  queueId: string,
  itemId: string,
  body: TUpdateAnnotationQueueItemBody,
): Promise<TAnnotationQueueItem> {
  const item = await requireItem(projectId, queueId, itemId);
  if (!body.status || body.status === item.status) return toItemDto(item);
  const updated = await setQueueItemStatus(projectId, queueId, itemId, body.status, null);
  if (!updated) throw notFoundInProject("Annotation queue item", itemId);
  return toItemDto(updated);
}

export async function deletePublicQueueItem(projectId: string, queueId: string, itemId: string) {
  await requireQueue(projectId, queueId);
  if (!(await deleteQueueItem(projectId, queueId, itemId))) throw notFoundInProject("Annotation queue item", itemId);
  return { success: true, message: "Item removed from the annotation queue" };
}

export async function createPublicAssignment(projectId: string, queueId: string, userId: string) {
  await requireQueue(projectId, queueId);
  await requireAnnotators(projectId, [userId]);
  await addQueueAssignment(projectId, queueId, userId);
  return { userId, queueId, projectId };
}

export async function deletePublicAssignment(projectId: string, queueId: string, userId: string) {
  await requireQueue(projectId, queueId);
  if (!(await removeQueueAssignment(projectId, queueId, userId))) throw notFoundInProject("Assignment of user", userId);
  return { success: true };
}

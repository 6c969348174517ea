import { z } from "zod";
import { ZPageMeta, ZPageQuery } from "../common/pagination.ts";
import { zQueryEnum } from "../common/query.ts";

// /api/public/annotation-queues… — Langfuse's OpenAPI (AnnotationQueues): queues, items, assignments.

export const ANNOTATION_OBJECT_TYPES = ["TRACE", "OBSERVATION", "SESSION"] as const;
export type AnnotationObjectType = (typeof ANNOTATION_OBJECT_TYPES)[number];
export const ANNOTATION_ITEM_STATUSES = ["PENDING", "COMPLETED"] as const;
export type AnnotationItemStatus = (typeof ANNOTATION_ITEM_STATUSES)[number];

const ZId = z.string().trim().min(1).max(200);

export const ZAnnotationQueue = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  scoreConfigIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TAnnotationQueue = z.infer<typeof ZAnnotationQueue>;

export const ZCreateAnnotationQueueBody = z.object({
  name: z.string().trim().min(1, "name is required").max(100),
  description: z.string().trim().max(2000).nullish(),
  scoreConfigIds: z.array(ZId).min(1, "a queue collects at least one score config").max(20),
});
export type TCreateAnnotationQueueBody = z.infer<typeof ZCreateAnnotationQueueBody>;

export const ZAnnotationQueuesQuery = ZPageQuery;
export const ZAnnotationQueuesResponse = z.object({ data: z.array(ZAnnotationQueue), meta: ZPageMeta });
export type TAnnotationQueuesResponse = z.infer<typeof ZAnnotationQueuesResponse>;

export const ZAnnotationQueueParams = z.object({ queueId: ZId });
export const ZAnnotationQueueItemParams = z.object({ queueId: ZId, itemId: ZId });

export const ZAnnotationQueueItem = z.object({
  id: z.string(),
  queueId: z.string(),
  objectId: z.string(),
  objectType: z.enum(ANNOTATION_OBJECT_TYPES),
  status: z.enum(ANNOTATION_ITEM_STATUSES),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TAnnotationQueueItem = z.infer<typeof ZAnnotationQueueItem>;

export const ZAnnotationQueueItemsQuery = ZPageQuery.extend({ status: zQueryEnum(ANNOTATION_ITEM_STATUSES) });
export type TAnnotationQueueItemsQuery = z.infer<typeof ZAnnotationQueueItemsQuery>;
export const ZAnnotationQueueItemsResponse = z.object({ data: z.array(ZAnnotationQueueItem), meta: ZPageMeta });
export type TAnnotationQueueItemsResponse = z.infer<typeof ZAnnotationQueueItemsResponse>;

export const ZCreateAnnotationQueueItemBody = z.object({
  objectId: ZId,
  objectType: z.enum(ANNOTATION_OBJECT_TYPES),
  status: z.enum(ANNOTATION_ITEM_STATUSES).nullish(),
});
export type TCreateAnnotationQueueItemBody = z.infer<typeof ZCreateAnnotationQueueItemBody>;

export const ZUpdateAnnotationQueueItemBody = z.object({ status: z.enum(ANNOTATION_ITEM_STATUSES).nullish() });
export type TUpdateAnnotationQueueItemBody = z.infer<typeof ZUpdateAnnotationQueueItemBody>;

export const ZDeleteAnnotationQueueItemResponse = z.object({ success: z.boolean(), message: z.string() });

export const ZAnnotationQueueAssignmentBody = z.object({ userId: ZId });
export const ZCreateAnnotationQueueAssignmentResponse = z.object({ userId: z.string(), queueId: z.string(), projectId: z.string() });
export const ZDeleteAnnotationQueueAssignmentResponse = z.object({ success: z.boolean() });

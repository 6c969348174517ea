import { z } from "zod";
import { ZPageMeta, ZPageQuery } from "../common/pagination.ts";
import { zQueryEnum } from "../common/query.ts";
import {
  ANNOTATION_ITEM_STATUSES,
  ANNOTATION_OBJECT_TYPES,
  ZAnnotationQueue,
  ZAnnotationQueueItem,
  ZCreateAnnotationQueueBody,
} from "../public-api/annotation-queues.ts";
import { COMMENT_OBJECT_TYPES, ZCommentContent } from "../public-api/comments.ts";
import { ZScoreConfigItem } from "./annotations.ts";
import { ZTraceListQuery } from "./list-filters.ts";

// The UI's annotation queues (/api/internal/projects/:projectId/annotation-queues…) and comments.

export const ZPersonRef = z.object({ id: z.string(), name: z.string().nullable(), email: z.string() });
export type TPersonRef = z.infer<typeof ZPersonRef>;

export const ZQueueSummary = ZAnnotationQueue.extend({
  scoreConfigs: z.array(ZScoreConfigItem),
  assignees: z.array(ZPersonRef),
  counts: z.object({ pending: z.number().int(), completed: z.number().int() }),
});
export type TQueueSummary = z.infer<typeof ZQueueSummary>;
export const ZQueueListResponse = z.object({ data: z.array(ZQueueSummary) });

/** POST …/annotation-queues: Langfuse's create body plus the people to assign at once. */
export const ZCreateQueueBody = ZCreateAnnotationQueueBody.extend({ assigneeUserIds: z.array(z.string().min(1)).max(100).optional() });
export type TCreateQueueBody = z.infer<typeof ZCreateQueueBody>;

/** PUT …/annotation-queues/:queueId/assignments: the whole set of assignees. */
export const ZSetAssigneesBody = z.object({ userIds: z.array(z.string().min(1)).max(100) });

export const ZQueueItemRow = ZAnnotationQueueItem.extend({ completedBy: ZPersonRef.nullable(), scoreCount: z.number().int() });
export type TQueueItemRow = z.infer<typeof ZQueueItemRow>;
export const ZQueueItemsQuery = ZPageQuery.extend({ status: zQueryEnum(ANNOTATION_ITEM_STATUSES) });
export const ZQueueDetailResponse = z.object({
  queue: ZQueueSummary,
  /** Project members who may be assigned (roles that may annotate). */
  members: z.array(ZPersonRef),
  items: z.array(ZQueueItemRow),
  meta: ZPageMeta,
});
export type TQueueDetailResponse = z.infer<typeof ZQueueDetailResponse>;

/**
 * POST …/annotation-queues/:queueId/items: the ids of a table selection (or one object), or the traces
 * table's filter (at most MAX_ITEMS_PER_ADD matching traces, newest first). Objects already queued are skipped.
 */
export const MAX_ITEMS_PER_ADD = 1000;
export const ZAddQueueItemsBody = z.discriminatedUnion("source", [
  z.object({
    source: z.literal("ids"),
    objectType: z.enum(ANNOTATION_OBJECT_TYPES),
    objectIds: z.array(z.string().trim().min(1).max(200)).min(1, "select at least one").max(MAX_ITEMS_PER_ADD),
  }),
  z.object({ source: z.literal("filter"), filter: ZTraceListQuery }),
]);
export type TAddQueueItemsBody = z.infer<typeof ZAddQueueItemsBody>;
export const ZAddQueueItemsResponse = z.object({ added: z.number().int(), skipped: z.number().int() });

/** One item as the annotate view shows it: where it stands in the queue and this queue's scores on it. */
export const ZReviewItemResponse = z.object({
  queue: ZQueueSummary,
  item: ZQueueItemRow,
  /** 1-based position in the queue's order (oldest first) and the queue's size. */
  position: z.number().int(),
  total: z.number().int(),
  previousId: z.string().nullable(),
  nextId: z.string().nullable(),
  /** The next pending item after this one (wrapping around), for skip and complete. */
  nextPendingId: z.string().nullable(),
  /** For an observation: its trace, so the view can load it. */
  traceId: z.string().nullable(),
  scores: z.array(
    z.object({
      configId: z.string().nullable(),
      name: z.string(),
      value: z.number().nullable(),
      stringValue: z.string().nullable(),
      authorUserId: z.string().nullable(),
    }),
  ),
});
export type TReviewItemResponse = z.infer<typeof ZReviewItemResponse>;
/** GET …/annotation-queues/:queueId/review?itemId=: the item, or the first pending one when itemId is empty. */
export const ZReviewQuery = z.object({ itemId: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(200).optional()) });

/** POST …/items/:itemId/complete: one value per score config of the queue (a config may be left out), and a comment. */
export const ZCompleteItemBody = z.object({
  scores: z.array(z.object({ configId: z.string().min(1), value: z.union([z.number().finite(), z.string().min(1).max(500)]) })).max(20),
  comment: z.string().trim().max(5000).optional(),
});
export type TCompleteItemBody = z.infer<typeof ZCompleteItemBody>;
export const ZCompleteItemResponse = z.object({
  id: z.string(),
  status: z.enum(ANNOTATION_ITEM_STATUSES),
  nextPendingId: z.string().nullable(),
});

// Comments -------------------------------------------------------------------------------------

export const ZCommentsListQuery = z.object({ objectType: z.enum(COMMENT_OBJECT_TYPES), objectId: z.string().trim().min(1).max(200) });
export const ZCommentRow = z.object({
  id: z.string(),
  objectType: z.enum(COMMENT_OBJECT_TYPES),
  objectId: z.string(),
  content: z.string(),
  author: ZPersonRef.nullable(),
  createdAt: z.string(),
});
export type TCommentRow = z.infer<typeof ZCommentRow>;
export const ZCommentListResponse = z.object({ data: z.array(ZCommentRow) });
export const ZAddCommentBody = ZCommentsListQuery.extend({ content: ZCommentContent });
export type TAddCommentBody = z.infer<typeof ZAddCommentBody>;

import {
  ZAnnotationQueueItem,
  ZAnnotationQueueItemsQuery,
  ZAnnotationQueueItemsResponse,
  ZAnnotationQueueParams,
  ZCreateAnnotationQueueItemBody,
} from "@loupe/contracts";
import { createPublicQueueItem, listPublicQueueItems } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  params: ZAnnotationQueueParams,
  query: ZAnnotationQueueItemsQuery,
  response: ZAnnotationQueueItemsResponse,
  handler: ({ auth, params, query }) => listPublicQueueItems(auth.projectId, params.queueId, query),
});

export const POST = defineRoute({
  auth: { kind: "apiKey" },
  params: ZAnnotationQueueParams,
  body: ZCreateAnnotationQueueItemBody,
  response: ZAnnotationQueueItem,
  handler: ({ auth, params, body }) => createPublicQueueItem(auth.projectId, params.queueId, body),
});

export const OPTIONS = corsPreflight;

import {
  ZAnnotationQueueItem,
  ZAnnotationQueueItemParams,
  ZDeleteAnnotationQueueItemResponse,
  ZUpdateAnnotationQueueItemBody,
} from "@loupe/contracts";
import { deletePublicQueueItem, getPublicQueueItem, updatePublicQueueItem } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

const params = ZAnnotationQueueItemParams;

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  params,
  response: ZAnnotationQueueItem,
  handler: ({ auth, params }) => getPublicQueueItem(auth.projectId, params.queueId, params.itemId),
});

export const PATCH = defineRoute({
  auth: { kind: "apiKey" },
  params,
  body: ZUpdateAnnotationQueueItemBody,
  response: ZAnnotationQueueItem,
  handler: ({ auth, params, body }) => updatePublicQueueItem(auth.projectId, params.queueId, params.itemId, body),
});

export const DELETE = defineRoute({
  auth: { kind: "apiKey" },
  params,
  response: ZDeleteAnnotationQueueItemResponse,
  handler: ({ auth, params }) => deletePublicQueueItem(auth.projectId, params.queueId, params.itemId),
});

export const OPTIONS = corsPreflight;

import { ZAnnotationQueue, ZAnnotationQueuesQuery, ZAnnotationQueuesResponse, ZCreateAnnotationQueueBody } from "@loupe/contracts";
import { createPublicQueue, listPublicQueues } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZAnnotationQueuesQuery,
  response: ZAnnotationQueuesResponse,
  handler: ({ auth, query }) => listPublicQueues(auth.projectId, query),
});

export const POST = defineRoute({
  auth: { kind: "apiKey" },
  body: ZCreateAnnotationQueueBody,
  response: ZAnnotationQueue,
  handler: ({ auth, body }) => createPublicQueue(auth.projectId, body),
});

export const OPTIONS = corsPreflight;

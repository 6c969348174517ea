import { ZAnnotationQueue, ZAnnotationQueueParams } from "@loupe/contracts";
import { getPublicQueue } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  params: ZAnnotationQueueParams,
  response: ZAnnotationQueue,
  handler: ({ auth, params }) => getPublicQueue(auth.projectId, params.queueId),
});

export const OPTIONS = corsPreflight;

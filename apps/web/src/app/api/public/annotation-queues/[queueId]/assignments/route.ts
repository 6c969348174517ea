import {
  ZAnnotationQueueAssignmentBody,
  ZAnnotationQueueParams,
  ZCreateAnnotationQueueAssignmentResponse,
  ZDeleteAnnotationQueueAssignmentResponse,
} from "@loupe/contracts";
import { createPublicAssignment, deletePublicAssignment } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const POST = defineRoute({
  auth: { kind: "apiKey" },
  params: ZAnnotationQueueParams,
  body: ZAnnotationQueueAssignmentBody,
  response: ZCreateAnnotationQueueAssignmentResponse,
  handler: ({ auth, params, body }) => createPublicAssignment(auth.projectId, params.queueId, body.userId),
});

export const DELETE = defineRoute({
  auth: { kind: "apiKey" },
  params: ZAnnotationQueueParams,
  body: ZAnnotationQueueAssignmentBody,
  response: ZDeleteAnnotationQueueAssignmentResponse,
  handler: ({ auth, params, body }) => deletePublicAssignment(auth.projectId, params.queueId, body.userId),
});

export const OPTIONS = corsPreflight;

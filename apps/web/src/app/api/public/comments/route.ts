import { ZCommentsQuery, ZCommentsResponse, ZCreateCommentBody, ZCreateCommentResponse } from "@loupe/contracts";
import { createPublicComment, listPublicComments } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZCommentsQuery,
  response: ZCommentsResponse,
  handler: ({ auth, query }) => listPublicComments(auth.projectId, query),
});

export const POST = defineRoute({
  auth: { kind: "apiKey" },
  body: ZCreateCommentBody,
  response: ZCreateCommentResponse,
  handler: ({ auth, body }) => createPublicComment(auth.projectId, body),
});

export const OPTIONS = corsPreflight;

import { ZCommentParams, ZPublicComment } from "@loupe/contracts";
import { getPublicComment } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  params: ZCommentParams,
  response: ZPublicComment,
  handler: ({ auth, params }) => getPublicComment(auth.projectId, params.commentId),
});

export const OPTIONS = corsPreflight;

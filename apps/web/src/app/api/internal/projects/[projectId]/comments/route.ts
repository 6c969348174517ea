import { ZAddCommentBody, ZCommentsListQuery } from "@loupe/contracts";
import { addComment, listComments } from "@loupe/server";
import { z } from "zod";
import { defineRoute, json } from "@/lib/server/define-route";

const params = z.object({ projectId: z.string() });

/** Prompt comments also need `project:read`, which the service checks. */
export const GET = defineRoute({
  auth: { kind: "project", can: "traces:read" },
  params,
  query: ZCommentsListQuery,
  handler: ({ auth, query }) => listComments(auth.projectId, auth.role, query.objectType, query.objectId),
});

export const POST = defineRoute({
  auth: { kind: "project", can: "comment" },
  params,
  body: ZAddCommentBody,
  handler: async ({ auth, body }) =>
    json(await addComment({ userId: auth.user.id, projectId: auth.projectId, role: auth.role }, body), 201),
});

import { removeComment } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const DELETE = defineRoute({
  auth: { kind: "project", can: "comment" },
  params: z.object({ projectId: z.string(), commentId: z.string().min(1).max(200) }),
  handler: ({ auth, params }) => removeComment({ userId: auth.user.id, projectId: auth.projectId, role: auth.role }, params.commentId),
});

import { ZCompleteItemBody } from "@loupe/contracts";
import { completeQueueItem } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const POST = defineRoute({
  auth: { kind: "project", can: "annotate" },
  params: z.object({ projectId: z.string(), queueId: z.string().min(1).max(200), itemId: z.string().min(1).max(200) }),
  body: ZCompleteItemBody,
  handler: ({ auth, params, body }) =>
    completeQueueItem({ userId: auth.user.id, projectId: auth.projectId, role: auth.role }, params.queueId, params.itemId, body),
});

import { ZAddQueueItemsBody } from "@loupe/contracts";
import { addQueueItems } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: z.object({ projectId: z.string(), queueId: z.string().min(1).max(200) }),
  body: ZAddQueueItemsBody,
  handler: ({ auth, params, body }) =>
    addQueueItems({ userId: auth.user.id, projectId: auth.projectId, role: auth.role }, params.queueId, body),
});

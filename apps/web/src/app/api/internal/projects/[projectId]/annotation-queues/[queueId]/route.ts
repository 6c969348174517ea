import { ZQueueItemsQuery } from "@loupe/contracts";
import { getQueueDetail } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project", can: "traces:read" },
  params: z.object({ projectId: z.string(), queueId: z.string().min(1).max(200) }),
  query: ZQueueItemsQuery,
  handler: ({ auth, params, query }) =>
    getQueueDetail({ userId: auth.user.id, projectId: auth.projectId, role: auth.role }, params.queueId, query),
});

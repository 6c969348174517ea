import { ZSetAssigneesBody } from "@loupe/contracts";
import { setQueueAssignees } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const PUT = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: z.object({ projectId: z.string(), queueId: z.string().min(1).max(200) }),
  body: ZSetAssigneesBody,
  handler: ({ auth, params, body }) =>
    setQueueAssignees({ userId: auth.user.id, projectId: auth.projectId, role: auth.role }, params.queueId, body.userIds),
});

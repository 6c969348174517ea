import { ZCreateQueueBody } from "@loupe/contracts";
import { createQueueForUser, listQueues } from "@loupe/server";
import { z } from "zod";
import { defineRoute, json } from "@/lib/server/define-route";

const params = z.object({ projectId: z.string() });

export const GET = defineRoute({
  auth: { kind: "project", can: "traces:read" },
  params,
  handler: ({ auth }) => listQueues({ userId: auth.user.id, projectId: auth.projectId, role: auth.role }),
});

export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params,
  body: ZCreateQueueBody,
  handler: async ({ auth, body }) =>
    json(await createQueueForUser({ userId: auth.user.id, projectId: auth.projectId, role: auth.role }, body), 201),
});

import { ZMovedProject, ZMoveProjectBody } from "@loupe/contracts";
import { moveProjectToOrganization } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const POST = defineRoute({
  auth: { kind: "organization", can: "organization:manage" },
  params: z.object({ organizationId: z.string(), projectId: z.string().min(1) }),
  body: ZMoveProjectBody,
  response: ZMovedProject,
  handler: ({ auth, params, body }) =>
    moveProjectToOrganization(auth.organizationId, params.projectId, body.organizationId, { userId: auth.user.id, audit: auth.audit }),
});

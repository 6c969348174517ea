import { ZProjectMember, ZSetProjectRoleBody } from "@loupe/contracts";
import { setProjectMemberRole } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

const params = z.object({ projectId: z.string(), userId: z.string().min(1).max(200) });

/** Sets a member's project role, overriding their organization role here (never above the caller's role). */
export const PUT = defineRoute({
  auth: { kind: "project", can: "project:members" },
  params,
  body: ZSetProjectRoleBody,
  response: ZProjectMember,
  handler: ({ auth, params, body }) => setProjectMemberRole(auth.projectId, params.userId, body.role, auth),
});

/** Removes the project role: the organization role applies again (NONE: no access to the project). */
export const DELETE = defineRoute({
  auth: { kind: "project", can: "project:members" },
  params,
  response: ZProjectMember,
  handler: ({ auth, params }) => setProjectMemberRole(auth.projectId, params.userId, null, auth),
});

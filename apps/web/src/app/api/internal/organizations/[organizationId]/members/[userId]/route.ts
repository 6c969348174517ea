import { ZChangeOrganizationRoleBody, ZOrganizationMember } from "@loupe/contracts";
import { changeOrganizationMemberRole, removeMemberFromOrganization } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

const params = z.object({ organizationId: z.string().min(1).max(200), userId: z.string().min(1).max(200) });

/** Changes a member's organization role: never above the caller's own; the last OWNER stays one (409). */
export const PATCH = defineRoute({
  auth: { kind: "organization", can: "organization:members" },
  params,
  body: ZChangeOrganizationRoleBody,
  response: ZOrganizationMember,
  handler: ({ auth, params, body }) => changeOrganizationMemberRole(auth.organizationId, params.userId, body.role, auth),
});

/** Removes a member from the organization and its projects, ending their sessions; never the last OWNER (409). */
export const DELETE = defineRoute({
  auth: { kind: "organization", can: "organization:members" },
  params,
  handler: async ({ auth, params }) => {
    await removeMemberFromOrganization(auth.organizationId, params.userId, auth);
    return new Response(null, { status: 204 });
  },
});

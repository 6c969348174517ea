import { revokeInvitationById } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

/** Revokes an open invitation: its link stops working at once. */
export const DELETE = defineRoute({
  auth: { kind: "organization", can: "organization:members" },
  params: z.object({ organizationId: z.string().min(1).max(200), invitationId: z.string().min(1).max(200) }),
  handler: async ({ auth, params }) => {
    await revokeInvitationById(auth.organizationId, params.invitationId, auth);
    return new Response(null, { status: 204 });
  },
});

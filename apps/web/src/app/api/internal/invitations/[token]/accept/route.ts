import { ZAcceptedInvitation, ZInvitationTokenParams } from "@loupe/contracts";
import { acceptInvitation } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

/** The signed-in person accepts an invitation made for their e-mail (409 when expired, revoked or used). */
export const POST = defineRoute({
  auth: { kind: "session" },
  params: ZInvitationTokenParams,
  response: ZAcceptedInvitation,
  handler: ({ auth, params }) => acceptInvitation(params.token, auth.user, auth.audit.ip),
});

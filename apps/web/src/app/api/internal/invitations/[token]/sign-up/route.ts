import { ZAcceptedInvitation, ZInvitationSignUpBody, ZInvitationTokenParams } from "@loupe/contracts";
import { auditClientIp, signUpWithInvitation } from "@loupe/server";
import { z } from "zod";
import { defineRoute, json } from "@/lib/server/define-route";

/** A new person's account with the invited e-mail, straight into the organization (also when AUTH_DISABLE_SIGNUP is set). */
export const POST = defineRoute({
  auth: { kind: "none" },
  params: ZInvitationTokenParams,
  body: ZInvitationSignUpBody,
  response: ZAcceptedInvitation.extend({ email: z.string() }),
  handler: async ({ req, params, body }) =>
    json(await signUpWithInvitation(params.token, body, auditClientIp(req.headers.get("x-forwarded-for"))), 201),
});

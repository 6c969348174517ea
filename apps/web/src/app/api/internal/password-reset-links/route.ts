import { ZPasswordResetLinkBody, ZPasswordResetLinkResponse } from "@loupe/contracts";
import { createPasswordResetLink } from "@loupe/server";
import { baseUrlOf } from "@/lib/server/base-url";
import { defineRoute, json } from "@/lib/server/define-route";

/** An organization OWNER/ADMIN makes a one-time password reset link for a member (the service checks the role). */
export const POST = defineRoute({
  auth: { kind: "session" },
  body: ZPasswordResetLinkBody,
  response: ZPasswordResetLinkResponse,
  handler: async ({ req, auth, body }) => json(await createPasswordResetLink(auth.user.id, body.email, baseUrlOf(req), auth.audit), 201),
});

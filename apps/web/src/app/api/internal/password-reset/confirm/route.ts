import { ZPasswordResetConfirmBody, ZPasswordResetConfirmResponse } from "@loupe/contracts";
import { resetPasswordWithToken } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const POST = defineRoute({
  auth: { kind: "none" },
  body: ZPasswordResetConfirmBody,
  response: ZPasswordResetConfirmResponse,
  handler: ({ body }) => resetPasswordWithToken(body.token, body.password),
});

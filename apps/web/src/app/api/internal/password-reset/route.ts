import { ZPasswordResetRequestBody, ZPasswordResetRequestResponse } from "@loupe/contracts";
import { requestPasswordResetByEmail } from "@loupe/server";
import { baseUrlOf } from "@/lib/server/base-url";
import { defineRoute, json } from "@/lib/server/define-route";

export const POST = defineRoute({
  auth: { kind: "none" },
  body: ZPasswordResetRequestBody,
  response: ZPasswordResetRequestResponse,
  handler: async ({ req, body }) => json(await requestPasswordResetByEmail(body.email, baseUrlOf(req)), 202),
});

import { ZSignUpBody } from "@loupe/contracts";
import { signUpWithPassword } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

export const POST = defineRoute({
  auth: { kind: "none" },
  body: ZSignUpBody,
  handler: async ({ body }) => json(await signUpWithPassword(body), 201),
});

import { ZCreateOrganizationBody } from "@loupe/contracts";
import { createOrganizationForUser } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

export const POST = defineRoute({
  auth: { kind: "session" },
  body: ZCreateOrganizationBody,
  handler: async ({ auth, body }) => json(await createOrganizationForUser(auth.user, body, auth.audit), 201),
});

import { ZOrganizationSummary, ZRenameOrganizationBody } from "@loupe/contracts";
import { renameOrganizationAs } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const PATCH = defineRoute({
  auth: { kind: "organization", can: "organization:manage" },
  body: ZRenameOrganizationBody,
  response: ZOrganizationSummary,
  handler: ({ auth, body }) => renameOrganizationAs(auth.organizationId, body.name, auth.audit),
});

import { ZOrganizationMembersResponse } from "@loupe/contracts";
import { listMembersOfOrganization } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

/** The organization's members with their organization roles (org ADMIN+). */
export const GET = defineRoute({
  auth: { kind: "organization", can: "organization:members" },
  params: z.object({ organizationId: z.string().min(1).max(200) }),
  response: ZOrganizationMembersResponse,
  handler: async ({ auth }) => ({ members: await listMembersOfOrganization(auth.organizationId) }),
});

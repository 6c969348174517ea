import { ZOrganizationProjectsResponse } from "@loupe/contracts";
import { adminListOrganizationProjects } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "organizationKey" },
  response: ZOrganizationProjectsResponse,
  handler: ({ auth }) => adminListOrganizationProjects(auth.organizationId),
});

export const OPTIONS = corsPreflight;

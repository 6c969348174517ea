import { ZOrganizationApiKeysResponse } from "@loupe/contracts";
import { listOrganizationKeysForAdminApi } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "organizationKey" },
  response: ZOrganizationApiKeysResponse,
  handler: ({ auth }) => listOrganizationKeysForAdminApi(auth.organizationId),
});

export const OPTIONS = corsPreflight;

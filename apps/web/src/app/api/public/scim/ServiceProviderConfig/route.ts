import { ZScimDocument } from "@loupe/contracts";
import { SCIM_SERVICE_PROVIDER_CONFIG } from "@loupe/domain";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";
import { scimErrorResponse, scimJson } from "@/lib/server/scim";

export const GET = defineRoute({
  auth: { kind: "organizationKey", bearerKeyPair: true },
  errorAnswer: scimErrorResponse,
  response: ZScimDocument,
  handler: async () => scimJson(SCIM_SERVICE_PROVIDER_CONFIG),
});

export const OPTIONS = corsPreflight;

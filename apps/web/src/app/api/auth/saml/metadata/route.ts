import { samlServiceProviderMetadata } from "@loupe/server";
import { baseUrlOf } from "@/lib/server/base-url";
import { defineRoute } from "@/lib/server/define-route";
import { samlOr404 } from "@/lib/server/saml-routes";

/** The service provider's SAML metadata (entity id, ACS URL) to register Loupe at the IdP. */
export const GET = defineRoute({
  auth: { kind: "none" },
  handler: async ({ req }) =>
    samlOr404(
      async () =>
        new Response(await samlServiceProviderMetadata(baseUrlOf(req)), { headers: { "content-type": "application/samlmetadata+xml" } }),
    ),
});

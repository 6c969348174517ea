import { samlLoginUrl } from "@loupe/server";
import { z } from "zod";
import { baseUrlOf } from "@/lib/server/base-url";
import { defineRoute } from "@/lib/server/define-route";
import { samlOr404 } from "@/lib/server/saml-routes";
import { safeCallbackPath } from "@/lib/shared/safe-callback";

/** Starts a SAML sign-in: redirects to the IdP with an AuthnRequest; the safe callback path rides as RelayState. */
export const GET = defineRoute({
  auth: { kind: "none" },
  query: z.object({ callbackUrl: z.string().max(4000).optional() }),
  handler: async ({ req, query }) =>
    samlOr404(async () => Response.redirect(await samlLoginUrl(baseUrlOf(req), safeCallbackPath(query.callbackUrl)), 302)),
});

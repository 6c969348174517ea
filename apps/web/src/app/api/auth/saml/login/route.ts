import { SAML_REQUEST_COOKIE, SAML_REQUEST_COOKIE_MAX_AGE_S, samlLoginUrl } from "@loupe/server";
import { z } from "zod";
import { baseUrlOf } from "@/lib/server/base-url";
import { defineRoute } from "@/lib/server/define-route";
import { samlOr404 } from "@/lib/server/saml-routes";
import { safeCallbackPath } from "@/lib/shared/safe-callback";

/**
 * Starts a SAML sign-in: redirects to the IdP with an AuthnRequest; the safe callback path rides as RelayState.
 * The request's id goes into a SameSite=Lax cookie: the IdP's cross-site POST does not carry it, but the
 * same-origin redemption of the one-time token does, and must name the request the answer was to.
 */
export const GET = defineRoute({
  auth: { kind: "none" },
  query: z.object({ callbackUrl: z.string().max(4000).optional() }),
  handler: async ({ req, query }) =>
    samlOr404(async () => {
      const base = baseUrlOf(req);
      const { url, requestId } = await samlLoginUrl(base, safeCallbackPath(query.callbackUrl));
      const secure = base.startsWith("https://") ? "; Secure" : "";
      const cookie = `${SAML_REQUEST_COOKIE}=${encodeURIComponent(requestId)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SAML_REQUEST_COOKIE_MAX_AGE_S}${secure}`;
      return new Response(null, { status: 302, headers: { location: url, "set-cookie": cookie } });
    }),
});

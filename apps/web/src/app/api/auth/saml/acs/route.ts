import { completeSamlSignIn } from "@loupe/server";
import { baseUrlOf } from "@/lib/server/base-url";
import { defineRoute } from "@/lib/server/define-route";
import { samlAnswerRedirect } from "@/lib/server/saml-routes";

/** The assertion consumer service: the IdP's page posts the signed answer here (a form, from the IdP's origin). */
export const POST = defineRoute({
  auth: { kind: "none" },
  rawBody: true,
  allowCrossSite: true,
  maxBodyBytes: 1_000_000,
  handler: async ({ req, rawBody }) =>
    samlAnswerRedirect(req, () => completeSamlSignIn(baseUrlOf(req), Object.fromEntries(new URLSearchParams(rawBody.toString("utf8"))))),
});

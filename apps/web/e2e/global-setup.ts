import { E2E_BASE_URL, E2E_SSO } from "../playwright.config";
import { startOidcIdp } from "./fixtures/oidc-idp";
import { startSamlIdp } from "./fixtures/saml-idp";

/** Starts the loopback identity providers the SSO journeys sign in against; the returned function stops them. */
export default async function globalSetup() {
  const stopOidc = await startOidcIdp(E2E_SSO, E2E_BASE_URL);
  const saml = await startSamlIdp(E2E_SSO.samlIdp);
  return async () => {
    await stopOidc();
    await saml.stop();
  };
}

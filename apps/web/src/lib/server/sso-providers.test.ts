import { describe, expect, it } from "vitest";
import { readSsoConfig, SSO_PROVIDERS } from "./sso-providers";

const CUSTOM = {
  AUTH_CUSTOM_CLIENT_ID: "id",
  AUTH_CUSTOM_CLIENT_SECRET: "secret",
  AUTH_CUSTOM_ISSUER: "https://idp.example.com/",
  AUTH_CUSTOM_NAME: "Acme",
};

describe("SSO provider registry", () => {
  it("has one entry per provider id and prefix", () => {
    expect(new Set(SSO_PROVIDERS.map((p) => p.id)).size).toBe(SSO_PROVIDERS.length);
    expect(SSO_PROVIDERS.map((p) => p.prefix)).toEqual([
      "AUTH_CUSTOM",
      "AUTH_GOOGLE",
      "AUTH_GITHUB",
      "AUTH_GITLAB",
      "AUTH_AZURE_AD",
      "AUTH_OKTA",
      "AUTH_AUTH0",
      "AUTH_KEYCLOAK",
      "AUTH_COGNITO",
    ]);
  });

  it("is off when nothing is set", () => {
    expect(readSsoConfig({})).toEqual({ providers: [], buttons: [] });
  });

  it("turns the generic OIDC provider on with id, secret, issuer and name, PKCE + state, id_token by default", () => {
    const { providers, buttons } = readSsoConfig(CUSTOM);
    expect(buttons).toEqual([{ id: "custom", label: "Acme" }]);
    const custom = providers[0];
    expect(custom).toMatchObject({
      id: "custom",
      wellKnown: "https://idp.example.com/.well-known/openid-configuration",
      idToken: true,
      checks: ["pkce", "state"],
      allowDangerousEmailAccountLinking: false,
      authorization: { params: { scope: "openid email profile" } },
    });
    expect(custom?.profile({ sub: "s1", email: "a@b.c", name: "A" }, {})).toEqual({ id: "s1", email: "a@b.c", name: "A" });
  });

  it("reads the optional custom settings and claim names", () => {
    const { providers } = readSsoConfig({
      ...CUSTOM,
      AUTH_CUSTOM_SCOPE: "openid email groups",
      AUTH_CUSTOM_ALLOW_ACCOUNT_LINKING: "true",
      AUTH_CUSTOM_CLIENT_AUTH_METHOD: "client_secret_post",
      AUTH_CUSTOM_CHECKS: "nonce, state",
      AUTH_CUSTOM_ID_TOKEN: "false",
      LANGFUSE_CUSTOM_SSO_EMAIL_CLAIM: "mail",
      LANGFUSE_CUSTOM_SSO_NAME_CLAIM: "display",
      LANGFUSE_CUSTOM_SSO_SUB_CLAIM: "uid",
    });
    expect(providers[0]).toMatchObject({
      idToken: false,
      checks: ["nonce", "state"],
      allowDangerousEmailAccountLinking: true,
      client: { token_endpoint_auth_method: "client_secret_post" },
      authorization: { params: { scope: "openid email groups" } },
    });
    expect(providers[0]?.profile({ uid: "u9", mail: "m@x.y", display: "M" }, {})).toEqual({ id: "u9", email: "m@x.y", name: "M" });
  });

  it("builds the named providers from their variables", () => {
    const { buttons, providers } = readSsoConfig({
      AUTH_GOOGLE_CLIENT_ID: "g",
      AUTH_GOOGLE_CLIENT_SECRET: "gs",
      AUTH_AZURE_AD_CLIENT_ID: "a",
      AUTH_AZURE_AD_CLIENT_SECRET: "as",
      AUTH_AZURE_AD_TENANT_ID: "tenant-1",
      AUTH_AZURE_AD_ALLOW_ACCOUNT_LINKING: "true",
      AUTH_KEYCLOAK_CLIENT_ID: "k",
      AUTH_KEYCLOAK_CLIENT_SECRET: "ks",
      AUTH_KEYCLOAK_ISSUER: "https://kc.example.com/realms/acme",
    });
    expect(buttons.map((b) => b.id)).toEqual(["google", "azure-ad", "keycloak"]);
    expect(providers[1]?.wellKnown).toContain("tenant-1");
    expect(providers[1]?.options?.allowDangerousEmailAccountLinking).toBe(true);
    expect(providers[2]?.options?.issuer).toBe("https://kc.example.com/realms/acme");
  });

  it.each([
    [{ ...CUSTOM, AUTH_CUSTOM_ISSUER: "not a url" }, /AUTH_CUSTOM_ISSUER: .*URL/],
    [{ ...CUSTOM, AUTH_CUSTOM_CHECKS: "pkce,bogus" }, /AUTH_CUSTOM_CHECKS/],
    [{ ...CUSTOM, AUTH_CUSTOM_CLIENT_AUTH_METHOD: "magic" }, /AUTH_CUSTOM_CLIENT_AUTH_METHOD must be one of/],
    [{ ...CUSTOM, AUTH_CUSTOM_ALLOW_ACCOUNT_LINKING: "yes" }, /AUTH_CUSTOM_ALLOW_ACCOUNT_LINKING must be true or false/],
    [{ AUTH_CUSTOM_CLIENT_ID: "id", AUTH_CUSTOM_CLIENT_SECRET: "s" }, /AUTH_CUSTOM_ISSUER, AUTH_CUSTOM_NAME: missing/],
    [{ AUTH_OKTA_CLIENT_ID: "id", AUTH_OKTA_CLIENT_SECRET: "s" }, /AUTH_OKTA_ISSUER: missing/],
    [{ AUTH_AZURE_AD_CLIENT_ID: "id" }, /AUTH_AZURE_AD_CLIENT_SECRET, AUTH_AZURE_AD_TENANT_ID: missing/],
  ])("refuses wrong settings naming the variable (%#)", (env, message) => {
    expect(() => readSsoConfig(env)).toThrow(message);
  });
});

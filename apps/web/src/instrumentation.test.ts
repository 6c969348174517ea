import { afterEach, beforeAll, describe, expect, it } from "vitest";

// The server's start-up hook: a wrong sign-in setting must stop Next at start, naming the variable.
describe("instrumentation register()", () => {
  const saved = { ...process.env };
  let register: () => Promise<void>;
  beforeAll(async () => {
    ({ register } = await import("./instrumentation"));
  }, 120_000);
  afterEach(() => {
    process.env = { ...saved };
  });

  it.each([
    [{ AUTH_OKTA_CLIENT_ID: "id", AUTH_OKTA_CLIENT_SECRET: "secret" }, /AUTH_OKTA_ISSUER: missing/],
    [{ AUTH_SSO_GROUP_ROLES: '[{"group":"g","role":"ADMIN"}]' }, /AUTH_SSO_GROUP_ROLES/],
    [
      { AUTH_SAML_IDP_METADATA_FILE: "/tmp/idp.xml", AUTH_SAML_CLOCK_SKEW_SECONDS: "9999" },
      /AUTH_SAML_CLOCK_SKEW_SECONDS must be at most 600/,
    ],
  ])("refuses %j", { timeout: 120_000 }, async (env, message) => {
    Object.assign(process.env, { NEXT_RUNTIME: "nodejs", NEXTAUTH_SECRET: "a-secret-of-at-least-16" }, env);
    await expect(register()).rejects.toThrow(message);
  });

  it("starts with valid settings", { timeout: 120_000 }, async () => {
    Object.assign(process.env, { NEXT_RUNTIME: "nodejs", NEXTAUTH_SECRET: "a-secret-of-at-least-16" });
    await expect(register()).resolves.toBeUndefined();
  });
});

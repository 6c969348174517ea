import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "./config.mjs";

// `npm start` used to fill in NEXTAUTH_URL=http://localhost:<port>, so a Loupe opened at any other
// address signed people out to localhost. Unset now stays unset: the web server derives it per request.
describe("loadConfig and NEXTAUTH_URL", () => {
  const saved = process.env.NEXTAUTH_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = saved;
  });
  const base = { NEXTAUTH_SECRET: "x".repeat(32), LOUPE_ENCRYPTION_KEY: "a".repeat(64) };

  it("leaves it unset when it is not configured (no localhost default)", () => {
    delete process.env.NEXTAUTH_URL;
    Object.assign(process.env, base);
    const env = loadConfig({ generateSecrets: false, log: () => {} });
    expect(env.NEXTAUTH_URL || undefined).toBeUndefined();
  });

  it("keeps a configured one and still validates it", () => {
    Object.assign(process.env, base, { NEXTAUTH_URL: "https://loupe.example.com" });
    expect(loadConfig({ generateSecrets: false, log: () => {} }).NEXTAUTH_URL).toBe("https://loupe.example.com");
    process.env.NEXTAUTH_URL = "not a url";
    expect(() => loadConfig({ generateSecrets: false, log: () => {} })).toThrow(/NEXTAUTH_URL: must be the public base URL/);
  });
});

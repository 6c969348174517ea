import "@/testing/next-environment";
import { describe, expect, it } from "vitest";
import { callRoute, type RouteHandler } from "@/testing/call-route";
import * as route from "./route";

const { GET, POST } = route as unknown as { GET: RouteHandler; POST: RouteHandler };

// NEXTAUTH_URL is unset in the test environment: Loupe opened at an address of its own choosing must
// get sign-out redirects and next-auth's links at that address, not next-auth's http://localhost:3000.
const origin = "https://loupe.example.test:8443";
const headers = { host: "loupe.example.test:8443", "x-forwarded-proto": "https" };

/** Signs out through next-auth (CSRF token first) asking to land on `callbackUrl`; returns where it sends the browser. */
async function signOutTo(callbackUrl: string): Promise<string> {
  const csrf = await callRoute(GET, { url: `${origin}/api/auth/csrf`, headers, params: { nextauth: ["csrf"] } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await callRoute(POST, {
    url: `${origin}/api/auth/signout`,
    method: "POST",
    params: { nextauth: ["signout"] },
    headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }).toString(),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { url: string }).url;
}

describe("without NEXTAUTH_URL, next-auth's base URL is the request's", () => {
  it("links to its pages at the address the request used", async () => {
    const res = await callRoute(GET, { url: `${origin}/api/auth/providers`, headers, params: { nextauth: ["providers"] } });
    expect(res.status).toBe(200);
    const providers = (await res.json()) as Record<string, { signinUrl: string }>;
    expect(providers.credentials?.signinUrl).toBe(`${origin}/api/auth/signin/credentials`);
  });

  it("signs out back to the same address", async () => {
    expect(await signOutTo(`${origin}/auth/sign-in`)).toBe(`${origin}/auth/sign-in`);
  });

  it("still refuses to send anyone to another origin", async () => {
    expect(await signOutTo("https://evil.example/phish")).toBe(origin);
  });
});

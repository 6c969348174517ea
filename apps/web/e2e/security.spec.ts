import { randomUUID } from "node:crypto";
import { type Page, expect, request as newRequest, test } from "@playwright/test";
import { hashPassword } from "../../../packages/server/src/auth/passwords";
import { E2E_BASE_URL } from "../playwright.config";
import { e2eDatabase, fromLoupePage, projectIdOf, sendAgentTrace, shot, signIn } from "./helpers";

// The browser-facing defences on the production build: CSP with a per-request nonce and the other
// page headers, forged-request refusal on the internal API, next-auth's own CSRF token, sessions
// that end on sign-out, and the sign-in throttle's message.

const db = e2eDatabase();
test.afterAll(async () => {
  await db.end();
});

/** A user of its own, so throttling and session revocation here never touch the shared e2e admin. */
async function createUser() {
  const user = { email: `security-${randomUUID().slice(0, 8)}@loupe.test`, password: "security-password-1" };
  await db.query(`INSERT INTO "User" ("id", "email", "passwordHash", "updatedAt") VALUES ($1, $2, $3, now())`, [
    randomUUID(),
    user.email,
    await hashPassword(user.password),
  ]);
  return user;
}

/** Records every CSP violation the page reports, from its first script on. */
async function watchCsp(page: Page) {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return async () => [...violations, ...((await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp)) ?? [])];
}

test("HTML pages carry a nonce CSP and the security headers; every script has the nonce", async ({ request }) => {
  const first = await request.get("/auth/sign-in");
  const second = await request.get("/auth/sign-in");
  const csp = first.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(/'nonce-([^']+)'/.exec(second.headers()["content-security-policy"] ?? "")?.[1]).not.toBe(nonce);
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "default-src 'self'"]) {
    expect(csp).toContain(directive);
  }
  expect(csp).not.toContain("unsafe-eval");
  expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  // Served over http here: no HSTS, and the session cookie is not Secure-only.
  expect(first.headers()["strict-transport-security"]).toBeUndefined();

  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
});

test("pages work in light and dark with zero CSP violations", async ({ page, request }) => {
  await sendAgentTrace(request, { name: "csp-trace" });
  const violations = await watchCsp(page);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto("/auth/sign-in");
    await expect(page.locator("html")).toHaveClass(colorScheme === "dark" ? /dark/ : /^(?!.*dark)/);
    expect(await violations()).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
  await signIn(page);
  await expect(page.getByRole("link", { name: "csp-trace" }).first()).toBeVisible();
  // The theme toggle stores a choice; next-themes' inline script applies it before paint on the next load.
  await page.getByRole("button", { name: "Toggle dark theme" }).click();
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.getByRole("link", { name: "csp-trace" }).first().click();
  await expect(page).toHaveURL(/\/traces\/[^/?]+/);
  await page.goto(`/project/${projectIdOf(page)}/settings`);
  await expect(page.getByText("API keys").first()).toBeVisible();
  await page.getByRole("button", { name: "Toggle dark theme" }).click();
  expect(await violations()).toEqual([]);
});

test("the internal API refuses forged requests that carry a signed-in cookie", async ({ page }) => {
  await signIn(page);
  const apiKeys = `/api/internal/projects/${projectIdOf(page)}/api-keys`;
  // page.request sends the signed-in user's cookies, like a browser on another site would.
  const textPlain = await page.request.post(apiKeys, {
    headers: { origin: "http://evil.example", "content-type": "text/plain" },
    data: JSON.stringify({ note: "forged" }),
  });
  expect(textPlain.status()).toBe(403);
  expect((await textPlain.json()).title).toContain("Cross-site request refused");
  const sibling = await page.request.post(apiKeys, {
    headers: { origin: "http://127.0.0.1:1", "content-type": "application/json" },
    data: { note: "forged" },
  });
  expect(sibling.status()).toBe(403);
  const sameOriginForm = await page.request.post(apiKeys, {
    headers: { origin: E2E_BASE_URL, "content-type": "application/x-www-form-urlencoded" },
    data: "note=forged",
  });
  expect(sameOriginForm.status()).toBe(403);
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM "ApiKey" WHERE "note" = 'forged'`);
  expect(rows[0].n).toBe(0);

  // Loupe's own page still creates (and revokes) a key.
  const own = await page.request.post(apiKeys, { headers: fromLoupePage, data: { note: "csrf-e2e" } });
  expect(own.status()).toBe(201);
  const revoked = await page.request.delete(`${apiKeys}/${(await own.json()).id}`, { headers: fromLoupePage });
  expect(revoked.status()).toBeLessThan(300);
});

test("next-auth's own sign-in keeps its CSRF token", async () => {
  const user = await createUser();
  const anonymous = await newRequest.newContext({ baseURL: E2E_BASE_URL });
  const forged = await anonymous.post("/api/auth/callback/credentials", {
    form: { email: user.email, password: user.password },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(302);
  expect(forged.headers().location ?? "").toContain("csrf=true");
  expect(await (await anonymous.get("/api/auth/session")).json()).toEqual({});
  await anonymous.dispose();
});

test("a captured session cookie stops working after sign-out", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page);
  const traces = `/api/internal/projects/${projectIdOf(page)}/traces`;
  const captured = await context.storageState();
  const thief = await newRequest.newContext({ baseURL: E2E_BASE_URL, storageState: captured });
  expect((await thief.get(traces)).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/auth\/sign-in/);
  expect((await thief.get(traces)).status()).toBe(401);
  await thief.dispose();
  await context.close();
  // Signing in again works (a new session of the new version).
  const again = await browser.newPage();
  await signIn(again);
  await again.close();
});

test("repeated wrong passwords get a clear throttle message, not an endless 'wrong password'", async ({ page }) => {
  test.setTimeout(90_000);
  const user = await createUser();
  await page.goto("/auth/sign-in");
  for (let attempt = 1; attempt <= 11; attempt++) {
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(`wrong-${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled({ timeout: 20_000 });
  }
  await expect(page.getByText("Too many failed sign-in attempts from your network. Try again in 15 minutes.")).toBeVisible();
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: shot(`sign-in-throttled-${colorScheme}`) });
  }
});

import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { E2E_SSO, E2E_USER } from "../playwright.config";
import { hashPassword } from "../../../packages/server/src/auth/passwords";
import { createProjectUser, e2eDatabase, fromLoupePage, signIn } from "./helpers";

// SSO against the real OpenID Connect provider on loopback (e2e/fixtures/oidc-idp.ts, started by
// global-setup.ts), configured with Langfuse's AUTH_CUSTOM_* variables in playwright.config.ts.

const db = e2eDatabase();
const SHOTS = "/tmp/shots-sso";

test.beforeAll(async () => {
  // The organization and project the group rules (AUTH_SSO_GROUP_ROLES) name, with fixed ids.
  await db.query(`INSERT INTO "Organization" ("id", "name", "updatedAt") VALUES ($1, 'SSO Org', now()) ON CONFLICT DO NOTHING`, [
    E2E_SSO.organizationId,
  ]);
  await db.query(
    `INSERT INTO "Project" ("id", "organizationId", "name", "updatedAt") VALUES ($1, $2, 'SSO Project', now()) ON CONFLICT DO NOTHING`,
    [E2E_SSO.projectId, E2E_SSO.organizationId],
  );
});
test.afterAll(() => db.end());

const newEmail = (name: string) => `${name}-${randomUUID().slice(0, 8)}@${E2E_SSO.enforcedDomain}`;

/** Signs in at the IdP's development login form (any password) and consents. */
async function loginAtIdp(page: Page, login: string) {
  await expect(page).toHaveURL(new RegExp(`^${E2E_SSO.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

async function sessionOf(page: Page) {
  return (await page.request.get("/api/auth/session")).json() as Promise<{ user?: { email?: string } }>;
}

async function rolesOf(email: string) {
  const { rows } = await db.query<{ org: string | null; project: string | null }>(
    `SELECT om."role" AS org, pm."role" AS project FROM "User" u
       LEFT JOIN "OrganizationMembership" om ON om."userId" = u."id" AND om."organizationId" = $2
       LEFT JOIN "ProjectMembership" pm ON pm."userId" = u."id" AND pm."projectId" = $3
     WHERE u."email" = $1`,
    [email, E2E_SSO.organizationId, E2E_SSO.projectId],
  );
  return rows[0] ?? null;
}

test("a deep link survives password sign-in, and callbackUrl never leaves the origin", async ({ page }) => {
  const { rows } = await db.query<{ id: string }>(`SELECT "id" FROM "Project" WHERE "name" = 'E2E Project' AND "deletedAt" IS NULL`);
  const deep = `/project/${rows[0]?.id}/traces/trace-${randomUUID()}?observation=obs-1&view=json`;
  await page.goto(deep);
  await expect(page).toHaveURL(/\/auth\/sign-in\?callbackUrl=/);
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(deep);
  await page.getByLabel("Email").fill(E2E_USER.email);
  await page.getByLabel("Password").fill(E2E_USER.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe(deep);

  for (const evil of ["//evil.com", "https://evil.com", "/\\evil.com", "/\\/evil.com/x"]) {
    await page.context().clearCookies();
    await page.goto(`/auth/sign-in?callbackUrl=${encodeURIComponent(evil)}`);
    await page.getByLabel("Email").fill(E2E_USER.email);
    await page.getByLabel("Password").fill(E2E_USER.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/project\/[^/]+\/traces/);
    expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/project\//);
  }
});

test("OIDC sign-in: the sign-in page shows the IdP, a deep link survives it, and groups become roles", async ({ page }) => {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 800, height: 900 });
    await page.goto("/auth/sign-in");
    await expect(page.getByRole("button", { name: "Continue with Acme IdP" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/sign-in-sso-${colorScheme}-800.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });

  const email = newEmail("ada");
  const deep = `/project/${E2E_SSO.projectId}/sessions/s-${randomUUID()}?turn=2`;
  await page.goto(deep);
  await expect(page).toHaveURL(/\/auth\/sign-in\?callbackUrl=/);
  await page.getByRole("button", { name: "Continue with Acme IdP" }).click();
  await loginAtIdp(page, `${email}#loupe-users,support`);
  await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe(deep);
  expect((await sessionOf(page)).user?.email).toBe(email);
  // loupe-users → VIEWER of the organization, support → MEMBER override on the project.
  expect(await rolesOf(email)).toEqual({ org: "VIEWER", project: "MEMBER" });

  // Groups are applied at every sign-in: new groups at the IdP, new roles; no matching group, role removed.
  await page.context().clearCookies();
  await page.goto("/auth/sign-in");
  await page.getByRole("button", { name: "Continue with Acme IdP" }).click();
  await loginAtIdp(page, `${email}#loupe-admins`);
  await expect(page).not.toHaveURL(/\/auth\/sign-in/);
  expect(await rolesOf(email)).toEqual({ org: "ADMIN", project: null });
});

test("an SSO-enforced domain cannot use a password: the form points it to SSO, sign-in and sign-up refuse", async ({ page }) => {
  const email = newEmail("grace");
  await db.query(`INSERT INTO "User" ("id", "email", "passwordHash", "updatedAt") VALUES ($1, $2, $3, now())`, [
    randomUUID(),
    email,
    await hashPassword("a-password-of-hers"),
  ]);
  await page.goto("/auth/sign-in");
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByLabel("Password").fill("a-password-of-hers");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Two SSO providers are configured here, so the form says which way to go (with one it goes straight on).
  await expect(page.getByText(/sign in through single sign-on \(SSO\): use a button above/)).toBeVisible();
  await page.setViewportSize({ width: 800, height: 900 });
  await page.screenshot({ path: `${SHOTS}/sign-in-enforced-light-800.png`, fullPage: true });

  // The credentials callback refuses the right password too, saying to use SSO.
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const password = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: "a-password-of-hers", json: "true" },
    maxRedirects: 0,
  });
  expect(decodeURIComponent((await password.json()).url)).toMatch(/single sign-on \(SSO\)/);
  expect((await sessionOf(page)).user).toBeUndefined();

  const signUp = await page.request.post("/api/internal/sign-up", {
    headers: fromLoupePage,
    data: { email: newEmail("eve"), password: "long-enough-password", name: "Eve" },
  });
  expect(signUp.status()).toBe(403);
  expect(JSON.stringify(await signUp.json())).toMatch(/single sign-on \(SSO\)/);

  // The SSO button signs her into her existing account? Only with account linking; here it is off.
  await page.getByRole("button", { name: "Continue with Acme IdP" }).click();
  await loginAtIdp(page, email);
  await expect(page).toHaveURL(/\/auth\/sign-in\?.*error=OAuthAccountNotLinked/);
  await expect(page.getByText("An account with this email already exists")).toBeVisible();
});

test("a tampered or failed SSO callback lands on sign-in with a message and no session", async ({ page }) => {
  // Stop the browser before it follows the IdP's redirect back to Loupe: the consent form's POST is fetched
  // here without following redirects, and the IdP's answer (the callback URL with code and state) kept.
  let real: URL | undefined;
  await page.route(`${E2E_SSO.issuer}/interaction/*`, async (route) => {
    // The dev interactions post both the login and the consent form to /interaction/<uid>.
    if (route.request().method() !== "POST" || !route.request().postData()?.includes("prompt=consent")) return route.continue();
    const consent = await route.fetch({ maxRedirects: 0 });
    const resume = await page.request.get(new URL(consent.headers().location as string, E2E_SSO.issuer).toString(), { maxRedirects: 0 });
    real = new URL(resume.headers().location as string);
    await route.fulfill({ status: 200, contentType: "text/html", body: "<p>stopped</p>" });
  });
  await page.goto("/auth/sign-in");
  await page.getByRole("button", { name: "Continue with Acme IdP" }).click();
  await loginAtIdp(page, newEmail("mallory"));
  await expect.poll(() => real?.pathname).toBe("/api/auth/callback/custom");
  if (!real) throw new Error("no callback captured");

  // An altered code first (state and PKCE cookies still valid: the IdP refuses the code), then an altered state.
  const tampered = [
    ["code", `${real.searchParams.get("code")}x`],
    ["state", `${real.searchParams.get("state")}x`],
  ] as const;
  for (const [name, value] of tampered) {
    const url = new URL(real);
    url.searchParams.set(name, value);
    await page.goto(url.toString());
    await expect(page).toHaveURL(/\/auth\/sign-in\?.*error=/);
    await expect(page.getByText(/could not be verified|could not be completed/)).toBeVisible();
    expect((await sessionOf(page)).user).toBeUndefined();
  }
  await page.setViewportSize({ width: 800, height: 900 });
  await page.screenshot({ path: `${SHOTS}/sign-in-error-light-800.png`, fullPage: true });

  // The IdP answering with an error (the person declined) is refused alike.
  await page.goto(`/api/auth/callback/custom?error=access_denied&state=${real?.searchParams.get("state")}`);
  await expect(page).toHaveURL(/\/auth\/sign-in\?.*error=/);
  await expect(page.getByText(/could not be verified|could not be completed/)).toBeVisible();
  expect((await sessionOf(page)).user).toBeUndefined();
});

/** Starts a SAML sign-in from the sign-in page and answers at the test IdP; stops on the IdP's "Continue" page. */
async function answerAtSamlIdp(page: Page, login: string, variant: "valid" | "expired" | "wrong-audience" | "unsigned" = "valid") {
  await page.getByRole("button", { name: "Continue with Acme SAML" }).click();
  await expect(page).toHaveURL(new RegExp(`^${E2E_SSO.samlIdp}/sso`));
  await page.getByLabel("Login").fill(login);
  await page.getByLabel("Answer").selectOption(variant);
  await page.getByRole("button", { name: "Sign in at IdP" }).click();
  await expect(page.getByRole("button", { name: "Continue to Loupe" })).toBeVisible();
}

test("SAML sign-in: SP metadata, a deep link survives it, groups become roles, and a replay is refused", async ({ page }) => {
  const metadata = await page.request.get("/api/auth/saml/metadata");
  expect(metadata.status()).toBe(200);
  expect(await metadata.text()).toContain("/api/auth/saml/acs");

  const email = `saml-${randomUUID().slice(0, 8)}@saml.example`;
  const deep = `/project/${E2E_SSO.projectId}/users/u-${randomUUID()}?from=2026-01-01`;
  await page.goto(deep);
  await expect(page).toHaveURL(/\/auth\/sign-in\?callbackUrl=/);
  await answerAtSamlIdp(page, `${email}#loupe-users,support`);
  const samlResponse = await page.locator('input[name="SAMLResponse"]').inputValue();
  await page.getByRole("button", { name: "Continue to Loupe" }).click();
  await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe(deep);
  expect((await sessionOf(page)).user?.email).toBe(email);
  expect(await rolesOf(email)).toEqual({ org: "VIEWER", project: "MEMBER" });

  // The same signed answer again (a replay, e.g. from a proxy log) is refused.
  await page.context().clearCookies();
  const replay = await page.request.post("/api/auth/saml/acs", { form: { SAMLResponse: samlResponse }, maxRedirects: 0 });
  expect(replay.status()).toBe(303);
  expect(replay.headers().location).toMatch(/^\/auth\/sign-in\?error=Saml(Replayed|Invalid)/);
});

test("SAML answers that are tampered, expired, for another audience or unsigned are refused with a message", async ({ page }) => {
  const cases = [
    { variant: "valid", tamper: true },
    { variant: "expired", tamper: false },
    { variant: "wrong-audience", tamper: false },
    { variant: "unsigned", tamper: false },
  ] as const;
  for (const { variant, tamper } of cases) {
    await page.context().clearCookies();
    await page.goto("/auth/sign-in");
    const email = `saml-bad-${randomUUID().slice(0, 8)}@saml.example`;
    await answerAtSamlIdp(page, email, variant);
    if (tamper) {
      // Change the signed e-mail address inside the assertion: its digest no longer matches.
      await page.locator('input[name="SAMLResponse"]').evaluate((input: HTMLInputElement, from) => {
        input.value = btoa(atob(input.value).replaceAll(from, `evil-${from}`));
      }, email);
    }
    await page.getByRole("button", { name: "Continue to Loupe" }).click();
    await expect(page).toHaveURL(/\/auth\/sign-in\?error=SamlInvalid/);
    await expect(page.getByText("SAML answer was refused")).toBeVisible();
    expect((await sessionOf(page)).user, variant).toBeUndefined();
    expect((await db.query(`SELECT 1 FROM "User" WHERE "email" LIKE $1`, [`%${email}`])).rowCount, variant).toBe(0);
  }
  await page.setViewportSize({ width: 800, height: 900 });
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `${SHOTS}/sign-in-saml-error-${colorScheme}-800.png`, fullPage: true });
  }
});

test("a SAML answer to a sign-in another browser started is refused (login CSRF), and spent", async ({ page }) => {
  // The "attacker" starts a sign-in and keeps the signed answer instead of posting it…
  await page.goto("/auth/sign-in");
  const email = `saml-csrf-${randomUUID().slice(0, 8)}@saml.example`;
  await answerAtSamlIdp(page, email);
  const foreign = await page.locator('input[name="SAMLResponse"]').inputValue();
  // …and the "victim" browser, with a sign-in of its own under way (its own request cookie), posts it.
  await page.context().clearCookies();
  await page.goto("/auth/sign-in");
  await answerAtSamlIdp(page, `victim-${email}`);
  await page.locator('input[name="SAMLResponse"]').evaluate((input: HTMLInputElement, value) => {
    input.value = value;
  }, foreign);
  await page.getByRole("button", { name: "Continue to Loupe" }).click();
  await expect(page).toHaveURL(/\/auth\/sign-in\?error=SamlOtherBrowser/);
  await expect(page.getByText("was not started in this browser")).toBeVisible();
  expect((await sessionOf(page)).user).toBeUndefined();
  await page.setViewportSize({ width: 800, height: 900 });
  await page.screenshot({ path: `${SHOTS}/sign-in-saml-other-browser-light-800.png`, fullPage: true });
});

test("an admin's one-time reset link sets a new password once; without SMTP the page says to ask an admin", async ({ page, browser }) => {
  const member = await createProjectUser(db, "VIEWER");
  await signIn(page);
  const made = await page.request.post("/api/internal/password-reset-links", { headers: fromLoupePage, data: { email: member.email } });
  expect(made.status()).toBe(201);
  const { url } = await made.json();

  const other = await browser.newContext();
  const visitor = await other.newPage();
  await visitor.goto("/auth/forgot-password");
  await expect(visitor.getByText("An administrator of your organization can make you a one-time reset link")).toBeVisible();
  await visitor.goto(url);
  await visitor.getByLabel("New password").fill("fresh-password-42");
  await visitor.setViewportSize({ width: 800, height: 900 });
  await visitor.screenshot({ path: `${SHOTS}/reset-password-light-800.png`, fullPage: true });
  await visitor.getByRole("button", { name: "Set password" }).click();
  await expect(visitor.getByText(/every earlier session of the account has ended/)).toBeVisible();
  await signIn(visitor, { email: member.email, password: "fresh-password-42" });

  // The link is spent.
  const again = await visitor.request.post("/api/internal/password-reset/confirm", {
    headers: fromLoupePage,
    data: { token: new URL(url).searchParams.get("token"), password: "another-password-1" },
  });
  expect(again.status()).toBe(400);
  await other.close();
});

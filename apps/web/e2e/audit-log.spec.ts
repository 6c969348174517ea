import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { createProjectUser, e2eDatabase, shot, shotsAllThemesAndWidths, signIn } from "./helpers";

const db = e2eDatabase();
test.afterAll(() => db.end());

test("an admin reads the audit log, sees a change's diff, verifies the chain and exports", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  // Empty state first: an actor nobody is (other specs of the run write rows to this project, e.g. the
  // playground spec deletes an LLM connection, so no action filter is sure to match nothing).
  await page.getByLabel("Action").selectOption("llmConnection.deleted");
  await page.getByLabel("Actor").fill(`nobody-${randomUUID()}@example.com`);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No entries match these filters")).toBeVisible();
  await shotsAllThemesAndWidths(page, "audit-log-empty");

  // Two audited changes: a key created and revoked on the API keys page.
  await page.getByRole("link", { name: "API keys" }).click();
  await page.getByRole("button", { name: "Create API key" }).click();
  await page.getByRole("dialog", { name: "Create a project API key" }).getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("new-api-key")).toBeVisible();
  await page.getByRole("button", { name: "Revoke" }).first().click();
  await page.getByRole("dialog", { name: "Revoke API key" }).getByRole("button", { name: "Revoke key" }).click();
  await page.getByLabel(/Show revoked keys/).check();
  await expect(page.getByText("revoked").first()).toBeVisible();

  // Back through the nav, within seconds: the page asks again rather than showing the page it cached
  // on the first visit (that was the reverted merge's failure: the rows were there, the cache was old).
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.locator("tbody").getByText("apiKey.revoked").first()).toBeVisible();
  await page.locator("tbody").getByText("apiKey.created").first().click();
  await expect(page.getByText("displaySecretKey")).toBeVisible();
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByText(/Chain intact: \d+ rows verified/)).toBeVisible();
  await shotsAllThemesAndWidths(page, "audit-log-full");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV" }).click();
  const csv = await (await download).path();
  expect(readFileSync(csv, "utf8")).toMatch(/^id,createdAt,actorType/);
});

test("an organization admin makes a member's reset link and reads it, and the sign-ins, in the organization's log", async ({
  page,
  browser,
}) => {
  const member = await createProjectUser(db, "VIEWER");
  await signIn(page);
  await page.getByRole("link", { name: "Organization", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Organization", exact: true })).toBeVisible();
  await page.getByLabel("Member's email").fill("nobody@example.com");
  await page.getByRole("button", { name: "Create reset link" }).click();
  await expect(page.getByText(/A member with email nobody@example\.com/)).toBeVisible();

  await page.getByLabel("Member's email").fill(member.email);
  await page.getByRole("button", { name: "Create reset link" }).click();
  await expect(page.getByTestId("reset-link")).toContainText("/auth/reset-password?token=");
  await expect(page.getByText(/^Expires .+\. It is shown only now\.$/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy reset link" })).toBeVisible();
  await shotsAllThemesAndWidths(page, "organization-settings-reset-link");

  // The organization's log: the link (never the token), and the member-less sign-in of this admin.
  const url = (await page.getByTestId("reset-link").textContent()) ?? "";
  await page.getByRole("link", { name: "Organization's log" }).click();
  await expect(page.getByRole("heading", { name: /^Audit log of / })).toBeVisible();
  const row = page.locator("tbody tr", { hasText: "user.passwordResetLinkCreated" }).first();
  await expect(row).toBeVisible();
  await expect(page.locator("tbody").getByText("auth.signIn").first()).toBeVisible();
  await row.click();
  await expect(page.getByText(member.email).first()).toBeVisible();
  expect(await page.locator("body").textContent()).not.toContain(new URL(url).searchParams.get("token"));
  await shotsAllThemesAndWidths(page, "organization-audit-log");

  // A project ADMIN who is only a MEMBER of the organization sees the entry but not the settings.
  const projectAdmin = await createProjectUser(db, "ADMIN");
  const other = await browser.newContext();
  const second = await other.newPage();
  await signIn(second, projectAdmin);
  await second.getByRole("link", { name: "Organization", exact: true }).click();
  await expect(second.getByText("Only the organization's admins see this page")).toBeVisible();
  await second.goto(`${new URL(second.url()).pathname}/audit-log`);
  await expect(second.getByText("Could not load the audit log")).toBeVisible();
  await second.setViewportSize({ width: 800, height: 900 });
  await second.screenshot({ path: shot("organization-audit-log-refused-light-800"), fullPage: true });
  await other.close();
});

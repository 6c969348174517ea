import { randomUUID } from "node:crypto";
import { LangfuseClient } from "@langfuse/client";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { Langfuse } from "langfuse";
import { hashPassword } from "../../../packages/server/src/auth/passwords";
import { E2E_BASE_URL, E2E_KEYS } from "../playwright.config";
import { basicAuth, e2eDatabase, shotsAllThemesAndWidths, signIn } from "./helpers";

// A person writes a chat prompt in the browser, edits a second version, compares them and asks for a
// release as a MEMBER; an ADMIN approves it; apps using either official SDK get the new production
// version on their next uncached fetch, and an admin's rollback the same way.

const db = e2eDatabase();
test.afterAll(async () => {
  await db.end();
});

async function e2eProject() {
  const { rows } = await db.query<{ id: string; organizationId: string }>(
    `SELECT p."id", p."organizationId" FROM "Project" p JOIN "Organization" o ON o."id" = p."organizationId"
     WHERE o."name" = 'E2E Org' AND p."name" = 'E2E Project' AND p."deletedAt" IS NULL`,
  );
  if (!rows[0]) throw new Error("the e2e project is missing");
  return rows[0];
}

/** An organization MEMBER (so a project MEMBER) who signs in with a password. */
async function createMember() {
  const project = await e2eProject();
  const member = { email: `member-${randomUUID().slice(0, 8)}@loupe.test`, password: "member-password-1" };
  const userId = randomUUID();
  await db.query(`INSERT INTO "User" ("id", "email", "name", "passwordHash", "updatedAt") VALUES ($1, $2, 'Mia Member', $3, now())`, [
    userId,
    member.email,
    await hashPassword(member.password),
  ]);
  await db.query(
    `INSERT INTO "OrganizationMembership" ("id", "organizationId", "userId", "role", "updatedAt") VALUES ($1, $2, $3, 'MEMBER', now())`,
    [randomUUID(), project.organizationId, userId],
  );
  return { ...member, projectId: project.id };
}

async function signedIn(browser: Browser, user?: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signIn(page, user);
  return page;
}

const sdkV3 = () => new Langfuse({ ...E2E_KEYS, baseUrl: E2E_BASE_URL });
const sdkV5 = () => new LangfuseClient({ ...E2E_KEYS, baseUrl: E2E_BASE_URL });
async function productionVersions(name: string) {
  const [v3, v5] = await Promise.all([
    sdkV3().getPrompt(name, undefined, { type: "chat", cacheTtlSeconds: 0 }),
    sdkV5().prompt.get(name, { type: "chat", cacheTtlSeconds: 0 }),
  ]);
  return [v3.version, v5.version];
}

test("prompts list: empty state teaches both SDKs with this host", async ({ browser }) => {
  const project = await e2eProject();
  const emptyId = randomUUID();
  await db.query(`INSERT INTO "Project" ("id", "organizationId", "name", "updatedAt") VALUES ($1, $2, $3, now())`, [
    emptyId,
    project.organizationId,
    `Empty ${emptyId.slice(0, 6)}`,
  ]);
  const page = await signedIn(browser);
  await page.goto(`/project/${emptyId}/prompts`);
  await expect(page.getByText("No prompts yet")).toBeVisible();
  await expect(page.getByText(`baseUrl: "${E2E_BASE_URL}"`).first()).toBeVisible();
  await expect(page.getByText("TypeScript · langfuse (v3)")).toBeVisible();
  await shotsAllThemesAndWidths(page, "prompts-empty");
});

test("a MEMBER writes and edits a chat prompt, requests its release; an ADMIN approves and rolls back; both SDKs follow", async ({
  browser,
}) => {
  const member = await createMember();
  const name = `support/triage-${randomUUID().slice(0, 6)}`;
  const memberPage = await signedIn(browser, member);
  const projectId = member.projectId;

  // Version 1 in the editor: chat messages with variables, a placeholder, a config checked as typed.
  await memberPage.goto(`/project/${projectId}/prompts/new`);
  await memberPage.getByLabel("Name").fill(name);
  await memberPage.getByLabel("Content of message 1").fill("You help {{customer}} with orders.");
  await memberPage.getByLabel("Content of message 2").fill("{{question}}");
  await memberPage.getByRole("button", { name: "Add placeholder" }).click();
  await expect(memberPage.getByTestId("detected-variables")).toContainText("customer");
  await expect(memberPage.getByTestId("detected-variables")).toContainText("history");
  const config = memberPage.getByLabel(/^Config/);
  await config.fill('{"temperature": 0.2');
  await expect(memberPage.getByTestId("config-status")).toContainText("Not valid JSON");
  await expect(memberPage.getByRole("button", { name: "Create prompt" })).toBeDisabled();
  await config.fill('{"model": "gpt-4o", "temperature": 0.2}');
  await expect(memberPage.getByTestId("config-status")).toHaveText("Valid JSON");
  await memberPage.getByLabel("Commit message").fill("First draft");
  await shotsAllThemesAndWidths(memberPage, "prompt-new");
  await memberPage.getByRole("button", { name: "Create prompt" }).click();
  await expect(memberPage.getByTestId("prompt-title")).toHaveText(name.split("/")[1] as string);
  await expect(memberPage.getByTestId("chat-message")).toHaveCount(3);

  // Production goes onto v1 through the API (an app's deploy script), then the member edits v2.
  const patch = await fetch(`${E2E_BASE_URL}/api/public/v2/prompts/${encodeURIComponent(name)}/versions/1`, {
    method: "PATCH",
    headers: { authorization: basicAuth(), "content-type": "application/json" },
    body: JSON.stringify({ newLabels: ["production"] }),
  });
  expect(patch.status).toBe(200);
  await memberPage.reload();
  await memberPage.getByRole("button", { name: "New version" }).click();
  await memberPage.getByLabel("Content of message 1").fill("You help {{customer}} politely with orders and refunds.");
  await memberPage.getByLabel("Commit message").fill("Politer, covers refunds");
  await memberPage.getByRole("button", { name: "Save version" }).click();
  await expect(memberPage.getByRole("heading", { name: "Version 2" })).toBeVisible();
  await expect(memberPage.getByTestId("version-item")).toHaveCount(2);
  await expect(memberPage.getByTestId("version-item").first()).toContainText("Politer, covers refunds");
  await expect(memberPage.getByTestId("version-item").first()).toContainText("Mia Member");

  // Diff the two versions side by side.
  await memberPage.getByRole("tab", { name: "compare" }).click();
  await expect(memberPage.getByTestId("diff-content")).toContainText("You help {{customer}} with orders.");
  await expect(memberPage.getByTestId("diff-content")).toContainText("politely with orders and refunds");
  await shotsAllThemesAndWidths(memberPage, "prompt-compare");

  // The member may not move production directly (403 from the server), only request it.
  const direct = await memberPage.request.patch(`/api/internal/projects/${projectId}/prompts/${encodeURIComponent(name)}/versions/2`, {
    data: { newLabels: ["production"] },
  });
  expect(direct.status()).toBe(403);
  await memberPage.getByRole("button", { name: "Request production" }).click();
  const dialog = memberPage.getByRole("dialog");
  await expect(dialog).toContainText("instead of version 1");
  await expect(dialog.getByTestId("diff-content")).toContainText("politely");
  await shotsAllThemesAndWidths(memberPage, "prompt-request-dialog");
  await dialog.getByRole("button", { name: "Request approval" }).click();
  await expect(memberPage.getByRole("status")).toContainText("an admin approves it");
  await expect(memberPage.getByTestId("release-request")).toContainText("requested by Mia Member");
  expect(await productionVersions(name)).toEqual([1, 1]);

  // The admin approves from the pending releases above the list.
  const adminPage = await signedIn(browser);
  await adminPage.goto(`/project/${projectId}/prompts`);
  const request = adminPage.getByRole("region", { name: "Pending releases" }).getByTestId("release-request").filter({ hasText: name });
  await expect(request).toContainText("Mia Member");
  await shotsAllThemesAndWidths(adminPage, "prompts-list");
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(request).toHaveCount(0);
  expect(await productionVersions(name)).toEqual([2, 2]);

  // Rollback by the admin from the prompt page: the confirmation shows the diff against production.
  await adminPage.goto(`/project/${projectId}/prompts/${name}?version=1`);
  await expect(adminPage.getByTestId("release-request")).toContainText("approved by");
  await adminPage.getByRole("button", { name: "Roll back to this version" }).click();
  await expect(adminPage.getByRole("dialog")).toContainText("instead of version 2");
  await adminPage.getByRole("dialog").getByRole("button", { name: "Roll back to production" }).click();
  await expect(adminPage.getByRole("dialog")).toHaveCount(0);
  await expect(adminPage.getByTestId("version-item").last()).toContainText("production");
  expect(await productionVersions(name)).toEqual([1, 1]);
  await shotsAllThemesAndWidths(adminPage, "prompt-page");
});

import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { hashPassword } from "../../../packages/server/src/auth/passwords";
import { e2eDatabase, projectIdOf, shotsAllThemesAndWidths, signIn } from "./helpers";

const db = e2eDatabase();
test.afterAll(() => db.end());

/** An organization of its own with one project and a single OWNER, so the last-owner rule is this spec's to show. */
async function ownOrganization() {
  const suffix = randomUUID().slice(0, 8);
  const owner = { email: `owner-${suffix}@loupe.test`, password: "owner-password-1" };
  const [orgId, projectId, userId] = [randomUUID(), randomUUID(), randomUUID()];
  await db.query(`INSERT INTO "Organization" ("id", "name", "updatedAt") VALUES ($1, $2, now())`, [orgId, `Members Org ${suffix}`]);
  await db.query(`INSERT INTO "Project" ("id", "organizationId", "name", "updatedAt") VALUES ($1, $2, 'Members Project', now())`, [
    projectId,
    orgId,
  ]);
  await db.query(`INSERT INTO "User" ("id", "email", "name", "passwordHash", "updatedAt") VALUES ($1, $2, 'Olga Owner', $3, now())`, [
    userId,
    owner.email,
    await hashPassword(owner.password),
  ]);
  await db.query(
    `INSERT INTO "OrganizationMembership" ("id", "organizationId", "userId", "role", "updatedAt") VALUES ($1, $2, $3, 'OWNER', now())`,
    [randomUUID(), orgId, userId],
  );
  return { owner, projectId, suffix };
}

test("an owner invites a colleague who signs up through the link, changes their role, and cannot demote the last owner", async ({
  page,
  browser,
}) => {
  const { owner, projectId, suffix } = await ownOrganization();
  await signIn(page, owner);
  expect(projectIdOf(page)).toBe(projectId);
  await page.getByRole("link", { name: "Organization members" }).click();
  await expect(page.getByRole("heading", { name: "Organization members" })).toBeVisible();
  await expect(page.getByTestId("member-row")).toHaveCount(1);
  await expect(page.getByText("No invitation is waiting")).toBeVisible();

  // The last owner: the refusal is shown, and the role stays.
  await page.getByLabel(`Role of ${owner.email}`).selectOption("ADMIN");
  await expect(page.getByText(/last owner/)).toBeVisible();
  await expect(page.getByLabel(`Role of ${owner.email}`)).toHaveValue("OWNER");
  await shotsAllThemesAndWidths(page, "members-last-owner");

  // Invite: the link is shown once, the invitation waits in the list.
  const colleague = `colleague-${suffix}@loupe.test`;
  await page.getByRole("button", { name: "Invite" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite a colleague" });
  await dialog.getByLabel("Email").fill(colleague);
  await dialog.getByLabel("Organization role").selectOption("VIEWER");
  await shotsAllThemesAndWidths(page, "members-invite-dialog");
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  const link = (await page.getByTestId("invitation-link").textContent())?.trim() ?? "";
  expect(link).toMatch(/\/auth\/invite\/[\w-]{40,}$/);
  await expect(page.getByTestId("invitation-row")).toContainText(colleague);
  await shotsAllThemesAndWidths(page, "members-invited");

  // The colleague, in a browser of their own, signs up from the link and lands in the project.
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await theirs.goto(link);
  await expect(theirs.getByRole("heading", { name: /Join Members Org/ })).toBeVisible();
  await expect(theirs.getByLabel("Email")).toHaveValue(colleague);
  await shotsAllThemesAndWidths(theirs, "invitation-sign-up");
  await theirs.getByLabel("Name").fill("Colin Colleague");
  await theirs.getByLabel("Password").fill("colleague-password-1");
  await theirs.getByRole("button", { name: "Create account and join" }).click();
  await expect(theirs).toHaveURL(new RegExp(`/project/${projectId}`));

  // The used link says so, without an error page.
  await theirs.goto(link);
  await expect(theirs.getByTestId("invitation-unavailable")).toContainText("already been used");
  await shotsAllThemesAndWidths(theirs, "invitation-used");
  await other.close();

  // Back at the owner's page: the colleague is a member with the invited role, no invitation waits.
  await page.reload();
  await expect(page.getByTestId("member-row")).toHaveCount(2);
  await expect(page.getByLabel(`Role of ${colleague}`)).toHaveValue("VIEWER");
  await expect(page.getByTestId("invitation-row")).toHaveCount(0);

  // A role change sticks.
  await page.getByLabel(`Role of ${colleague}`).selectOption("MEMBER");
  await expect(page.getByLabel(`Role of ${colleague}`)).toHaveValue("MEMBER");
  await page.reload();
  await expect(page.getByLabel(`Role of ${colleague}`)).toHaveValue("MEMBER");
  await shotsAllThemesAndWidths(page, "members-full");

  // The project's members page: the colleague's project role overrides the organization role here.
  await page.getByRole("link", { name: "Members", exact: true }).click();
  await page.getByLabel(`Project role of ${colleague}`).selectOption("VIEWER");
  await expect(page.getByTestId("project-member-row").filter({ hasText: colleague })).toContainText("VIEWER");
  await shotsAllThemesAndWidths(page, "project-members");
});

test("an unknown invitation link gets a clear page, not an error", async ({ page }) => {
  await page.goto(`/auth/invite/${"x".repeat(43)}`);
  await expect(page.getByTestId("invitation-unavailable")).toContainText("not valid");
});
